package io.netdoctor.demo.node;

import java.util.List;

/**
 * `ssh-keygen -lf /etc/ssh/ssh_host_ecdsa_key.pub`: what the host-key prompt tells the user to compare
 * the fingerprint with, on the node's console.
 */
final class SshKeygenTool implements Tool {

  static final String HOST_KEY = "/etc/ssh/ssh_host_ecdsa_key.pub";

  @Override
  public int run(List<String> args, Call call) {
    String file = args.isEmpty() ? "" : args.get(args.size() - 1);
    boolean list = args.stream().anyMatch(a -> a.startsWith("-") && a.contains("l"));
    if (!list || !file.equals(HOST_KEY)) {
      call.err("ssh-keygen: a demo node answers `ssh-keygen -lf " + HOST_KEY + "` only");
      return 1;
    }
    call.out("256 " + call.shell().hostKeyFingerprint() + " root@" + call.node().name() + " (ECDSA)");
    return 0;
  }
}
