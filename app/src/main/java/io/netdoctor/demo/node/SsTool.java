package io.netdoctor.demo.node;

import java.util.List;

/** `ss -ltn` (and -lun): the sockets listening where the command runs (as a lab left them), in iproute2's columns. */
final class SsTool implements Tool {

  private final DemoTraffic traffic;

  SsTool(DemoTraffic traffic) {
    this.traffic = traffic;
  }

  @Override
  public int run(List<String> args, Call call) {
    String flags = String.join("", args.stream().filter(a -> a.startsWith("-") && !a.startsWith("--")).toList());
    boolean udp = flags.contains("u");
    boolean tcp = flags.contains("t") || !udp;
    List<SimPod.Listener> listeners = call.netns() != null ? traffic.listeners(call.netns()) : NcTool.HOST_LISTENERS;
    boolean both = tcp && udp;
    call.out(both ? String.format("%-6s %-6s %-6s %-6s %20s %19s", "Netid", "State", "Recv-Q", "Send-Q",
        "Local Address:Port", "Peer Address:Port")
        : String.format("%-6s %-6s %-6s %20s %19s", "State", "Recv-Q", "Send-Q", "Local Address:Port",
        "Peer Address:Port"));
    for (SimPod.Listener l : listeners) {
      boolean isUdp = l.protocol().equalsIgnoreCase("UDP");
      if ((isUdp && !udp) || (!isUdp && !tcp)) {
        continue;
      }
      String local = "0.0.0.0:" + l.port();
      String state = isUdp ? "UNCONN" : "LISTEN";
      String sendQ = isUdp ? "0" : "4096";
      call.out(both ? String.format("%-6s %-6s %-6s %-6s %20s %19s", isUdp ? "udp" : "tcp", state, "0", sendQ, local,
          "0.0.0.0:*") : String.format("%-6s %-6s %-6s %20s %19s", state, "0", sendQ, local, "0.0.0.0:*"));
    }
    return 0;
  }
}
