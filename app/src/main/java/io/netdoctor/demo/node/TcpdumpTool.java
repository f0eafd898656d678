package io.netdoctor.demo.node;

import io.netdoctor.demo.traffic.Filter;
import io.netdoctor.demo.traffic.Frame;
import io.netdoctor.demo.traffic.PacketText;
import io.netdoctor.demo.traffic.Pcap;
import io.netdoctor.demo.traffic.Place;
import io.netdoctor.demo.traffic.TrafficModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * tcpdump 4.99 on a demo node, fed by the traffic model: -D, -d, -i, -c, -w FILE (a real pcap on the node's
 * simulated /tmp), --print, -r FILE, -s, -l, -n/-nn, -U, --immediate-mode, and a BPF filter (see {@link Filter}).
 * Messages and exit statuses are tcpdump's. It runs until -c is reached, stdin closes (NetDoctor's guard: pane
 * closed, Stop, session lost) or `pkill -f` matches it.
 */
final class TcpdumpTool implements Tool {

  private static final int SNAPLEN = 262_144;

  private final NodeFiles files;
  private final Processes processes;
  private final DemoTraffic traffic;

  TcpdumpTool(NodeFiles files, Processes processes, DemoTraffic traffic) {
    this.files = files;
    this.processes = processes;
    this.traffic = traffic;
  }

  /** The parsed command line. */
  private static final class Options {
    boolean listInterfaces;
    boolean dump;
    boolean print;
    boolean numericPorts;
    String iface;
    String write;
    String read;
    int count;
    int snaplen = SNAPLEN;
    final List<String> filter = new ArrayList<>();
  }

  @Override
  public int run(List<String> args, Call call) throws InterruptedException {
    Options o = new Options();
    String problem = parse(args, o);
    if (problem != null) {
      call.err(problem);
      return 1;
    }
    List<String> ifaces = interfaces(call);
    if (o.listInterfaces) {
      for (int i = 0; i < ifaces.size(); i++) {
        String name = ifaces.get(i);
        call.out((i + 1) + "." + name + switch (name) {
          case "any" -> " (Pseudo-device that captures on all interfaces) [Up, Running]";
          case "lo" -> " [Up, Running, Loopback]";
          default -> " [Up, Running, Connected]";
        });
      }
      return 0;
    }
    Filter filter;
    try {
      filter = Filter.parse(String.join(" ", o.filter));
      if (!o.dump) { // what libpcap's compiler refuses: 'tcp' modifier applied to host, rejects all packets…
        io.netdoctor.demo.traffic.BpfProgram.of(String.join(" ", o.filter), false, o.snaplen);
      }
    } catch (Filter.Invalid e) {
      e.lines().forEach(call::err);
      return 1;
    }
    if (o.read != null) {
      return read(o, filter, call);
    }
    String iface = o.iface == null ? ifaces.get(0) : o.iface;
    if (!ifaces.contains(iface)) {
      call.err("tcpdump: " + iface + ": No such device exists");
      call.err("(No such device exists)");
      return 1;
    }
    if (o.dump) {
      boolean any = iface.equals("any");
      if (any) {
        call.err("tcpdump: data link type LINUX_SLL2");
      }
      try {
        io.netdoctor.demo.traffic.BpfProgram.of(String.join(" ", o.filter), any, o.snaplen).forEach(call::out);
      } catch (Filter.Invalid e) {
        e.lines().forEach(call::err);
        return 1;
      }
      return 0;
    }
    return capture(o, filter, iface, ifaces, call);
  }

  private static String parse(List<String> args, Options o) {
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--")) {
        o.filter.addAll(args.subList(i + 1, args.size()));
        return null;
      }
      switch (a) {
        case "--immediate-mode", "-l", "-U", "-p", "--packet-buffered", "-K" -> {
          continue;
        }
        case "-n", "-nn" -> { // tcpdump 4.99: -n alone already prints port numbers
          o.numericPorts = true;
          continue;
        }
        case "--print" -> {
          o.print = true;
          continue;
        }
        case "-D", "--list-interfaces" -> {
          o.listInterfaces = true;
          continue;
        }
        case "-d" -> {
          o.dump = true;
          continue;
        }
        default -> {
        }
      }
      if (List.of("-i", "-c", "-w", "-r", "-s").contains(a)) {
        if (i + 1 >= args.size()) {
          return "tcpdump: option requires an argument -- '" + a.charAt(1) + "'";
        }
        String v = args.get(++i);
        switch (a) {
          case "-i" -> o.iface = v;
          case "-w" -> o.write = v;
          case "-r" -> o.read = v;
          default -> {
            if (!v.matches("[0-9]{1,9}")) {
              return "tcpdump: invalid " + (a.equals("-c") ? "packet count" : "snaplen") + " " + v;
            }
            int n = Integer.parseInt(v);
            if (a.equals("-c")) {
              if (n == 0) {
                return "tcpdump: invalid packet count 0";
              }
              o.count = n;
            } else {
              o.snaplen = n == 0 ? SNAPLEN : n;
            }
          }
        }
      } else if (a.startsWith("-")) {
        return "tcpdump: the demo's tcpdump does not simulate " + a
            + " (it takes -D -d -i -c -w -r -s -l -n -nn -U --immediate-mode --print)";
      } else {
        o.filter.add(a);
      }
    }
    return null;
  }

  /** What -D lists: the node's eth0, its pod bridge, any, lo; in a pod's namespace its eth0, any, lo. */
  private static List<String> interfaces(Call call) {
    return call.netns() != null ? List.of("eth0", "any", "lo") : List.of("eth0", call.node().bridge(), "any", "lo");
  }

  private int capture(Options o, Filter filter, String iface, List<String> ifaces, Call call)
      throws InterruptedException {
    boolean any = iface.equals("any");
    int linkType = any ? Pcap.LINUX_SLL2 : Pcap.ETHERNET;
    NodeFiles.File file = null;
    if (o.write != null && !o.write.equals("-")) {
      String key = NodeFiles.key(o.write, call.inToolbox());
      if (key == null) {
        call.err("tcpdump: " + o.write + ": No such file or directory");
        return 1;
      }
      file = files.create(key);
    }
    String link = any ? "LINUX_SLL2 (Linux cooked v2)" : "EN10MB (Ethernet)";
    boolean text = o.write == null || o.print;
    if (o.write == null) {
      call.err("tcpdump: verbose output suppressed, use -v[v]... for full protocol decode");
      call.err("listening on " + iface + ", link-type " + link + ", snapshot length " + o.snaplen + " bytes");
    } else {
      call.err("tcpdump: listening on " + iface + ", link-type " + link + ", snapshot length " + o.snaplen + " bytes");
    }
    call.io().flush();
    Place place = call.netns() == null ? Place.node(call.node().name())
        : Place.pod(call.node().name(), call.netns().namespace(), call.netns().name());
    TrafficModel model = traffic.model(call.cluster(), place, iface, System.currentTimeMillis() * 1000);
    boolean fullSpeed = traffic.rate() == Double.POSITIVE_INFINITY;
    PacketText printer = new PacketText(any, o.numericPorts);
    long captured = 0;
    long seen = 0;
    try (Processes.Process self = processes.start("tcpdump " + String.join(" ", argsOf(o, iface)))) {
      if (file != null) {
        file.append(Pcap.header(linkType, o.snaplen));
      }
      while (!call.io().stopped() && !self.terminated()) {
        Frame f = model.next();
        long due = f == null ? model.clock() : f.micros();
        if (!fullSpeed && !pace(due, call)) {
          break;
        }
        if (f == null) {
          continue;
        }
        seen++;
        if (!filter.test(f)) {
          continue;
        }
        if (text) {
          call.io().out().println(printer.line(f));
        }
        if (file != null) {
          file.append(Pcap.record(f, linkType, ifaces.indexOf(f.iface()) + 1, o.snaplen));
        }
        captured++;
        if (!fullSpeed) {
          call.io().flush();
        }
        if (o.count > 0 && captured >= o.count) {
          break;
        }
      }
    } catch (IOException e) {
      call.err("tcpdump: " + o.write + ": " + e.getMessage());
      return 1;
    }
    call.io().flush();
    call.err("");
    call.err(captured + " packet" + (captured == 1 ? "" : "s") + " captured");
    call.err(seen + " packet" + (seen == 1 ? "" : "s") + " received by filter");
    call.err("0 packets dropped by kernel");
    return 0;
  }

  private static List<String> argsOf(Options o, String iface) {
    List<String> a = new ArrayList<>(List.of("-i", iface));
    if (o.write != null) {
      a.addAll(List.of("-w", o.write));
    }
    a.addAll(o.filter);
    return a;
  }

  /** Waits until the frame is due (in slices, so a stop is seen at once); false when the process must stop. */
  private static boolean pace(long dueMicros, Call call) throws InterruptedException {
    while (true) {
      long waitMillis = (dueMicros / 1000) - System.currentTimeMillis();
      if (waitMillis <= 0) {
        return !call.io().stopped();
      }
      call.io().flush();
      if (call.io().awaitStop(Math.min(waitMillis, 100))) {
        return false;
      }
    }
  }

  /** `tcpdump -r FILE`: the packets of a capture file on the node, printed as tcpdump reads them. */
  private int read(Options o, Filter filter, Call call) {
    NodeFiles.File file = files.get(NodeFiles.key(o.read, call.inToolbox()));
    Pcap.Read pcap = file == null ? null : Pcap.read(file.bytes(), interfaces(call));
    if (file == null) {
      call.err("tcpdump: " + o.read + ": No such file or directory");
      return 1;
    }
    if (pcap == null) {
      call.err("tcpdump: " + o.read + ": unknown file format");
      return 1;
    }
    boolean any = pcap.linkType() == Pcap.LINUX_SLL2;
    call.err("reading from file " + o.read + ", link-type " + (any ? "LINUX_SLL2 (Linux cooked v2)"
        : "EN10MB (Ethernet)") + ", snapshot length " + SNAPLEN);
    PacketText printer = new PacketText(any, o.numericPorts);
    int shown = 0;
    for (Frame f : pcap.frames()) {
      if (filter.test(f) && (o.count == 0 || shown < o.count)) {
        call.out(printer.line(f));
        shown++;
      }
    }
    return 0;
  }
}
