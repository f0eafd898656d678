package io.netdoctor.demo.node;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The simulated programs of a demo node, by name: its runtime's CLI plus the usual network tools. */
final class Tools {

  /** What Container Linux and Flatcar hosts lack: these run inside the toolbox only, as in the guide. */
  static final Set<String> TOOLBOX_ONLY = Set.of("dnf", "tcpdump", "dig", "nslookup");

  static final List<String> HELP = List.of(
      "docker inspect|ps|run|rm, crictl inspect|ps, rkt list|status   the node's runtime CLI",
      "nsenter -n -t PID CMD     run CMD in the network namespace of the container with that PID",
      "nc -v -z -w N HOST PORT   check a TCP port (-u: UDP)",
      "dig [@SERVER] [+search] NAME [TYPE] | dig -x ADDR   DNS as the pod's resolv.conf has it (toolbox, containers)",
      "ip addr | ip route | ss -ltn | iptables-save -t nat | ipvsadm -Ln (IPVS nodes)",
      "cat /etc/os-release | /etc/resolv.conf | /etc/hostname",
      "toolbox [CMD]             Fedora tools (dnf install, tcpdump) in a container on the host network",
      "toolbox tcpdump -nn -i IF|any [-c N] [-w /media/root/tmp/F.pcap --print] [FILTER]   live demo traffic; -D lists",
      "base64 -w 76 FILE | rm -f FILE | pkill -f PATTERN   files in /tmp, running captures",
      "ssh-keygen -lf /etc/ssh/ssh_host_ecdsa_key.pub   this node's host-key fingerprint",
      "help, exit");

  private Tools() {
  }

  static Map<String, Tool> forNode(DemoNode node, NodeFiles files, Processes processes, DemoTraffic traffic) {
    Map<String, Tool> tools = new HashMap<>();
    switch (node.runtime()) {
      case "docker" -> tools.put("docker", new DockerTool());
      case "rkt" -> tools.put("rkt", new RktTool());
      default -> tools.put("crictl", new CrictlTool());
    }
    tools.put("nc", new NcTool(traffic));
    DigTool dig = new DigTool(traffic);
    tools.put("dig", dig);
    tools.put("nslookup", new NslookupTool(dig));
    tools.put("ip", new IpTool());
    tools.put("ss", new SsTool(traffic));
    tools.put("cat", new CatTool());
    tools.put("iptables-save", new IptablesSaveTool(node.ipvs()));
    if (node.ipvs()) {
      tools.put("ipvsadm", new IpvsadmTool());
    }
    tools.put("toolbox", new ToolboxTool());
    tools.put("dnf", new ToolboxTool.Dnf());
    tools.put("ssh-keygen", new SshKeygenTool());
    tools.put("tcpdump", new TcpdumpTool(files, processes, traffic));
    tools.put("base64", FileTools.base64(files));
    tools.put("rm", FileTools.rm(files));
    tools.put("pkill", FileTools.pkill(processes));
    return tools;
  }

  /** The well-known service name nc and ss print for a port (`[tcp/redis]`). */
  static String serviceName(int port, String protocol) {
    return switch (port) {
      case 22 -> "ssh";
      case 53 -> "domain";
      case 80 -> "http";
      case 443 -> "https";
      case 6379 -> "redis";
      case 8080 -> "http-alt";
      default -> "*";
    };
  }
}
