package io.netdoctor.core.node;

import static io.netdoctor.core.node.RealSystem.sh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Non-root login users for sudo tests: one with passwordless sudo, one without. Removed by close(). */
final class NodeUsers implements AutoCloseable {

  final String withSudo;
  final String withoutSudo;
  private final Path sudoers;
  private final List<String> created = new ArrayList<>();

  NodeUsers(Path fakeBin) throws IOException {
    String tag = Long.toString(ProcessHandle.current().pid() % 100000, 36);
    withSudo = "ndcore" + tag;
    withoutSudo = "ndplain" + tag;
    for (String user : List.of(withSudo, withoutSudo)) {
      sh("useradd", "-m", "-s", "/bin/bash", user);
      created.add(user);
      // "!" (locked) makes sshd without PAM refuse even key logins; "*" only means "no password"
      sh("usermod", "-p", "*", user);
    }
    sudoers = Path.of("/etc/sudoers.d/netdoctor-test-" + tag);
    // sudo resets PATH to secure_path: put the fake runtime CLIs on it, as they would be in /usr/bin
    Files.writeString(sudoers, "Defaults:" + withSudo + " secure_path=\"" + fakeBin
        + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"\n"
        + withSudo + " ALL=(ALL) NOPASSWD: ALL\n");
    sh("chmod", "0440", sudoers.toString());
    sh("visudo", "-c", "-f", sudoers.toString());
  }

  @Override
  public void close() throws IOException {
    Files.deleteIfExists(sudoers);
    for (String user : created) {
      RealSystem.exec("userdel", "-r", "-f", user);
    }
  }
}
