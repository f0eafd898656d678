package io.netdoctor.demo.node;

import java.util.List;
import java.util.Optional;

/**
 * OpenBSD `nc -v -z [-u] [-w N] HOST PORT` with its own messages: open where a container declares the port
 * (redis on 6379, so 8080 is refused), the node's own ports, Service ClusterIPs with endpoints; an address
 * no one has times out. A lab may close, filter or open a pod's port ({@link DemoTraffic#portState}).
 */
final class NcTool implements Tool {

  /** What listens on a demo node's host network. */
  static final List<SimPod.Listener> HOST_LISTENERS = List.of(new SimPod.Listener(22, "TCP", "sshd"),
      new SimPod.Listener(10250, "TCP", "kubelet"), new SimPod.Listener(10256, "TCP", "kube-proxy"));

  private final DemoTraffic traffic;

  NcTool(DemoTraffic traffic) {
    this.traffic = traffic;
  }

  @Override
  public int run(List<String> args, Call call) {
    boolean udp = false;
    List<String> operands = new java.util.ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("-w") || a.equals("-i") || a.equals("-s") || a.equals("-p")) {
        i++;
      } else if (a.startsWith("-")) {
        udp |= a.contains("u");
      } else {
        operands.add(a);
      }
    }
    if (operands.size() != 2 || !operands.get(1).matches("[0-9]{1,5}")) {
      call.err("usage: nc [-46CDdFhklNnrStUuvZz] [-i interval] [-w timeout] destination port");
      return 1;
    }
    String host = operands.get(0);
    int port = Integer.parseInt(operands.get(1));
    String proto = udp ? "udp" : "tcp";
    Optional<String> address = resolve(host, call);
    if (address.isEmpty()) {
      call.err("nc: getaddrinfo for host \"" + host + "\" port " + port + ": Name or service not known");
      return 1;
    }
    String ip = address.get();
    String shownHost = host.equals(ip) ? ip : host + " (" + ip + ")";
    Answer answer = answer(ip, port, udp ? "UDP" : "TCP", call, traffic);
    switch (answer) {
      case OPEN -> {
        call.err("Connection to " + shownHost + " " + port + " port [" + proto + "/"
            + Tools.serviceName(port, proto) + "] succeeded!");
        return 0;
      }
      case REFUSED -> {
        call.err("nc: connect to " + shownHost + " port " + port + " (" + proto + ") failed: Connection refused");
        return 1;
      }
      default -> {
        call.err("nc: connect to " + shownHost + " port " + port + " (" + proto
            + ") timed out: Operation now in progress");
        return 1;
      }
    }
  }

  enum Answer { OPEN, REFUSED, TIMEOUT }

  static Optional<String> resolve(String host, Call call) {
    if (host.equals("localhost")) {
      return Optional.of("127.0.0.1");
    }
    if (host.matches("[0-9.]+")) {
      return Optional.of(host);
    }
    if (host.equals(call.node().name())) {
      return Optional.of(call.node().internalIp());
    }
    return Optional.empty();
  }

  static Answer answer(String ip, int port, String protocol, Call call, DemoTraffic traffic) {
    if (ip.startsWith("127.")) {
      // a lab's filter drops what arrives on the pod's address, not on lo
      List<SimPod.Listener> here = call.netns() != null ? traffic.listeners(call.netns()) : HOST_LISTENERS;
      return listens(here, port, protocol) ? Answer.OPEN : Answer.REFUSED;
    }
    if (call.netns() == null && ip.equals(call.node().internalIp())) {
      return listens(HOST_LISTENERS, port, protocol) ? Answer.OPEN : Answer.REFUSED;
    }
    Optional<SimPod> pod = call.cluster().podByIp(ip);
    if (pod.isPresent()) {
      if (call.netns() != null && !call.cluster().policyAllows(call.netns(), pod.get(), port, protocol)) {
        return Answer.TIMEOUT; // a NetworkPolicy drops the packets
      }
      return podAnswer(pod.get(), port, protocol, traffic);
    }
    for (var service : call.cluster().services()) {
      if (ip.equals(service.getSpec().getClusterIP())) {
        var servicePort = service.getSpec().getPorts().stream()
            .filter(p -> p.getPort() == port && protocol.equalsIgnoreCase(p.getProtocol())).findFirst();
        if (servicePort.isEmpty()) {
          return Answer.REFUSED; // kube-proxy rejects ports a Service lacks
        }
        if (call.netns() != null && deniedToEveryBackend(service, port, protocol, call)) {
          return Answer.TIMEOUT; // the NetworkPolicy drops it
        }
        // DNAT to a backend's targetPort; without endpoints kube-proxy rejects (nc: "Connection refused")
        // a lab's filter on every answering backend drops it (nc times out)
        var answers = ServiceRouting.backends(service, servicePort.get(), call.cluster().pods()).stream()
            .flatMap(b -> ServiceRouting.targetPort(servicePort.get(), b).stream()
                .mapToObj(target -> podAnswer(b, target, protocol, traffic))).toList();
        return answers.contains(Answer.OPEN) ? Answer.OPEN
            : answers.contains(Answer.TIMEOUT) ? Answer.TIMEOUT : Answer.REFUSED;
      }
    }
    return Answer.TIMEOUT;
  }

  /** What a connection to {@code pod}'s own port meets: a lab's port state, else whether a container listens. */
  private static Answer podAnswer(SimPod pod, int port, String protocol, DemoTraffic traffic) {
    return traffic.portState(pod, port, protocol).map(state -> switch (state) {
      case OPEN -> Answer.OPEN;
      case CLOSED -> Answer.REFUSED;
      case FILTERED -> Answer.TIMEOUT;
    }).orElse(pod.listens(port, protocol) ? Answer.OPEN : Answer.REFUSED);
  }

  /** A ClusterIP's connection lands on a backend: dropped when the policies deny the client every backend. */
  private static boolean deniedToEveryBackend(io.fabric8.kubernetes.api.model.Service service, int port,
      String protocol, Call call) {
    var selector = service.getSpec().getSelector();
    if (selector == null || selector.isEmpty()) {
      return false;
    }
    var backends = call.cluster().pods().stream().filter(p -> p.namespace().equals(service.getMetadata().getNamespace())
        && p.ip() != null && selector.entrySet().stream().allMatch(e -> e.getValue().equals(p.labels().get(e.getKey()))))
        .toList();
    return !backends.isEmpty()
        && backends.stream().noneMatch(b -> call.cluster().policyAllows(call.netns(), b, port, protocol));
  }

  private static boolean listens(List<SimPod.Listener> listeners, int port, String protocol) {
    return listeners.stream().anyMatch(l -> l.port() == port && l.protocol().equalsIgnoreCase(protocol));
  }
}
