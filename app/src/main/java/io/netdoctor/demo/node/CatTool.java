package io.netdoctor.demo.node;

import java.util.List;

/** `cat` of the files a troubleshooter reads on a node: /etc/os-release, /etc/resolv.conf, /etc/hostname. */
final class CatTool implements Tool {

  @Override
  public int run(List<String> args, Call call) {
    int status = 0;
    for (String file : args) {
      String text = file(file, call);
      if (text == null) {
        call.err("cat: " + file + ": No such file or directory");
        status = 1;
      } else {
        call.io().out().print(text);
      }
    }
    return status;
  }

  private static String file(String path, Call call) {
    DemoNode node = call.node();
    return switch (path) {
      case "/etc/hostname" -> node.name() + "\n";
      case "/etc/resolv.conf" -> ResolvConf.of(call).text();
      case "/etc/os-release" -> call.inToolbox() ? fedora() : node.flatcar() ? flatcar(node) : containerLinux(node);
      default -> null;
    };
  }

  private static String fedora() {
    return """
        NAME="Fedora Linux"
        VERSION="39 (Container Image)"
        ID=fedora
        VERSION_ID=39
        PRETTY_NAME="Fedora Linux 39 (Container Image)"
        """;
  }

  private static String flatcar(DemoNode node) {
    return """
        NAME="Flatcar Container Linux by Kinvolk"
        ID=flatcar
        ID_LIKE=coreos
        VERSION=3815.2.0
        VERSION_ID=3815.2.0
        BUILD_ID=2024-02-12-1807
        PRETTY_NAME="%s"
        ANSI_COLOR="38;5;75"
        HOME_URL="https://flatcar.org/"
        """.formatted(node.osImage());
  }

  private static String containerLinux(DemoNode node) {
    return """
        NAME=CoreOS
        ID=coreos
        VERSION=1010.3.0
        VERSION_ID=1010.3.0
        BUILD_ID=2016-05-03-2051
        PRETTY_NAME="%s"
        ANSI_COLOR="1;32"
        HOME_URL="https://coreos.com/"
        """.formatted(node.osImage());
  }
}
