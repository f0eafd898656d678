package io.netdoctor.demo.node;

import java.util.List;

/** `ip addr` and `ip route` (iproute2's layout) for the host or for a pod's network namespace. */
final class IpTool implements Tool {

  @Override
  public int run(List<String> args, Call call) {
    List<String> words = args.stream().filter(a -> !a.startsWith("-")).toList();
    String object = words.isEmpty() ? "" : words.get(0);
    if ("addr".startsWith(object) && !object.isEmpty() || object.equals("address")) {
      addr(call);
      return 0;
    }
    if (!object.isEmpty() && "route".startsWith(object)) {
      route(call);
      return 0;
    }
    if (!object.isEmpty() && "link".startsWith(object)) {
      for (String line : links(call)) {
        call.out(line);
      }
      return 0;
    }
    call.err("Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }   (a demo node knows addr, route, link)");
    return 255;
  }

  private static List<String> links(Call call) {
    if (call.netns() != null) {
      return List.of("1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000",
          "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00",
          "3: eth0@if" + (10 + ifIndex(call.netns())) + ": <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UP"
              + " mode DEFAULT group default",
          "    link/ether " + mac(call.netns().ip()) + " brd ff:ff:ff:ff:ff:ff link-netnsid 0");
    }
    DemoNode node = call.node();
    return List.of("1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000",
        "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00",
        "2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP mode DEFAULT group default qlen 1000",
        "    link/ether " + mac(node.internalIp()) + " brd ff:ff:ff:ff:ff:ff",
        "3: " + node.bridge() + ": <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UP mode DEFAULT group default",
        "    link/ether " + mac(node.bridgeIp()) + " brd ff:ff:ff:ff:ff:ff");
  }

  private static void addr(Call call) {
    List<String> links = links(call);
    if (call.netns() != null) {
      call.out(links.get(0));
      call.out(links.get(1));
      call.out("    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever");
      call.out(links.get(2));
      call.out(links.get(3));
      call.out("    inet " + call.netns().ip() + "/24 brd " + broadcast(call.netns().ip()) + " scope global eth0");
      call.out("       valid_lft forever preferred_lft forever");
      return;
    }
    DemoNode node = call.node();
    call.out(links.get(0));
    call.out(links.get(1));
    call.out("    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever");
    call.out(links.get(2));
    call.out(links.get(3));
    call.out("    inet " + node.internalIp() + "/24 brd " + broadcast(node.internalIp()) + " scope global eth0");
    call.out("       valid_lft forever preferred_lft forever");
    call.out(links.get(4));
    call.out(links.get(5));
    call.out("    inet " + node.bridgeIp() + "/24 brd " + broadcast(node.bridgeIp()) + " scope global " + node.bridge());
    call.out("       valid_lft forever preferred_lft forever");
  }

  private static void route(Call call) {
    if (call.netns() != null) {
      String gw = call.netns().ip().substring(0, call.netns().ip().lastIndexOf('.')) + ".1";
      call.out("default via " + gw + " dev eth0");
      call.out(network(call.netns().ip()) + "/24 dev eth0 proto kernel scope link src " + call.netns().ip());
      return;
    }
    DemoNode node = call.node();
    call.out("default via " + network(node.internalIp()).replaceFirst("\\.0$", ".1") + " dev eth0 proto dhcp src "
        + node.internalIp() + " metric 1024");
    call.out(node.podCidr() + " dev " + node.bridge() + " proto kernel scope link src " + node.bridgeIp());
    call.out(network(node.internalIp()) + "/24 dev eth0 proto kernel scope link src " + node.internalIp());
  }

  static String network(String ip) {
    return ip.substring(0, ip.lastIndexOf('.')) + ".0";
  }

  private static String broadcast(String ip) {
    return ip.substring(0, ip.lastIndexOf('.')) + ".255";
  }

  private static int ifIndex(SimPod pod) {
    return Math.floorMod(pod.name().hashCode(), 50);
  }

  /** A stable, locally administered MAC made from an IPv4 address (as docker does: 02:42 + the address). */
  static String mac(String ip) {
    String[] o = ip.split("\\.");
    return String.format("02:42:%02x:%02x:%02x:%02x", Integer.parseInt(o[0]), Integer.parseInt(o[1]),
        Integer.parseInt(o[2]), Integer.parseInt(o[3]));
  }
}
