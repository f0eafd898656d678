package io.netdoctor.demo.node;

import java.util.List;

/**
 * `toolbox [CMD]` on Container Linux and Flatcar: a Fedora container on the host's network where dnf,
 * tcpdump and the other tools exist. Without a command it is an interactive shell.
 */
final class ToolboxTool implements Tool {

  @Override
  public int run(List<String> args, Call call) throws InterruptedException {
    List<String> cmd = !args.isEmpty() && args.get(0).equals("run") ? args.subList(1, args.size()) : args;
    Call inside = call.intoToolbox();
    if (cmd.isEmpty()) {
      call.err("Spawning container core-fedora-latest on /var/lib/toolbox/core-fedora-latest.");
      call.err("Press ^] three times within 1s to kill container.");
      call.io().flush();
      return call.shell().interactive(inside);
    }
    return call.shell().run(cmd, inside);
  }

  /** `dnf install -y PACKAGES` with dnf's progress lines; the demo's toolbox image has them cached. */
  static final class Dnf implements Tool {
    @Override
    public int run(List<String> args, Call call) throws InterruptedException {
      List<String> packages = args.stream().filter(a -> !a.startsWith("-")).toList();
      if (packages.isEmpty() || !packages.get(0).equals("install")) {
        call.err("dnf: a demo node's toolbox simulates `dnf install -y PACKAGES` only");
        return 1;
      }
      List<String> wanted = packages.subList(1, packages.size());
      if (wanted.isEmpty()) {
        call.err("Error: Need to pass a list of pkgs to install");
        return 1;
      }
      call.out("Fedora 39 - x86_64                              3.1 MB/s |  89 MB     00:28");
      call.out("Fedora 39 openh264 (From Cisco) - x86_64        2.9 kB/s | 2.5 kB     00:00");
      call.out("Fedora 39 - x86_64 - Updates                    3.4 MB/s |  40 MB     00:11");
      call.out("Last metadata expiration check: 0:00:01 ago on Wed Dec  2 00:00:00 2026.");
      call.out("Dependencies resolved.");
      call.out("================================================================================");
      call.out(" Package            Architecture   Version                  Repository      Size");
      call.out("================================================================================");
      call.out("Installing:");
      for (String p : wanted) {
        call.out(String.format(" %-18s x86_64         %-24s updates        %4d k", p, version(p), 100 + p.length() * 37));
      }
      call.out("");
      call.out("Transaction Summary");
      call.out("================================================================================");
      call.out("Install  " + wanted.size() + " Package" + (wanted.size() == 1 ? "" : "s"));
      call.out("");
      call.out("Downloading Packages:");
      for (int i = 0; i < wanted.size(); i++) {
        String p = wanted.get(i);
        call.out(String.format("(%d/%d): %-40s 1.2 MB/s | %4d kB     00:00", i + 1, wanted.size(),
            p + "-" + version(p) + ".x86_64.rpm", 100 + p.length() * 37));
        call.io().flush();
        if (call.io().awaitStop(40)) {
          return 143; // the pane was closed: dnf ends with the toolbox
        }
      }
      call.out("Running transaction check");
      call.out("Transaction check succeeded.");
      call.out("Running transaction");
      for (int i = 0; i < wanted.size(); i++) {
        call.out(String.format("  Installing       : %-50s %d/%d", wanted.get(i) + "-" + version(wanted.get(i))
            + ".x86_64", i + 1, wanted.size()));
      }
      call.out("");
      call.out("Installed:");
      call.out("  " + String.join("  ", wanted.stream().map(p -> p + "-" + version(p) + ".x86_64").toList()));
      call.out("");
      call.out("Complete!");
      return 0;
    }

    private static String version(String p) {
      return switch (p) {
        case "tcpdump" -> "14:4.99.4-2.fc39";
        case "iproute" -> "6.4.0-2.fc39";
        case "nmap", "nmap-ncat" -> "3:7.92-2.fc39";
        default -> "1.0-1.fc39";
      };
    }
  }
}
