package io.netdoctor.demo.node;

import io.netdoctor.core.dns.DigFormatter;
import io.netdoctor.core.dns.DnsServer;
import io.netdoctor.core.dns.DnsTransport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * BIND's `dig [@SERVER] [+search] [+vc] [-x ADDR] NAME [TYPE]` in a demo container: it asks the nameserver of the
 * container's /etc/resolv.conf ({@link ResolvConf}) over UDP, applying the search list and ndots with +search as dig
 * does (only NXDOMAIN moves on to the next name), and prints dig 9.18's text. The cluster DNS Service answers with the
 * demo DNS server's own answers (a lab's faults included); a Service without endpoints, or any other server, is not
 * reached ("no servers could be reached", exit 9).
 */
final class DigTool implements Tool {

  static final String VERSION = "9.18.28-1~deb12u2-Debian";
  /** dig's default EDNS buffer size (BIND 9.18). */
  private static final int EDNS_UDP = 1232;

  private final DemoTraffic traffic;

  DigTool(DemoTraffic traffic) {
    this.traffic = traffic;
  }

  @Override
  public int run(List<String> args, Call call) {
    String server = null;
    boolean search = false;
    boolean tcp = false;
    String name = null;
    int type = -1;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.startsWith("@")) {
        server = a.substring(1);
      } else if (a.equals("+search")) {
        search = true;
      } else if (a.equals("+nosearch")) {
        search = false;
      } else if (a.equals("+vc") || a.equals("+tcp")) {
        tcp = true;
      } else if (a.startsWith("+")) {
        continue; // display options the demo's layout does not vary
      } else if (a.equals("-x") && i + 1 < args.size()) {
        name = reverse(args.get(++i), call);
        type = Type.PTR;
        if (name == null) {
          return 10;
        }
      } else if (a.equals("-t") && i + 1 < args.size()) {
        type = Type.value(args.get(++i));
      } else if (name != null && type < 0 && Type.value(a) >= 0 && a.equals(a.toUpperCase(java.util.Locale.ROOT))) {
        type = Type.value(a);
      } else if (a.startsWith("-")) {
        i += a.equals("-p") ? 1 : 0; // -4, -6, -p PORT: the demo's servers listen on 53
      } else if (name == null) {
        name = a;
      } else {
        type = Type.value(a);
      }
    }
    if (name == null) {
      call.err("dig: the demo's dig needs a name: dig [@server] [+search] NAME [TYPE]");
      return 1;
    }
    ResolvConf resolv = ResolvConf.of(call);
    String address = server != null ? server : resolv.nameserver();
    List<String> names = search ? resolv.candidates(name) : List.of(name.endsWith(".") ? name : name + ".");
    String banner = "\n; <<>> DiG " + VERSION + " <<>> " + String.join(" ", args) + "\n;; global options: +cmd\n";
    for (int i = 0; i < names.size(); i++) {
      Message response = ask(address, names.get(i), type < 0 ? Type.A : type, tcp, call);
      if (response == null) {
        for (int attempt = 0; attempt < 3; attempt++) {
          call.out(";; communications error to " + address + "#53: timed out");
        }
        call.io().out().print(banner + ";; no servers could be reached\n\n");
        return 9;
      }
      if (response.getRcode() == Rcode.NXDOMAIN && i + 1 < names.size()) {
        continue; // dig +search moves on after NXDOMAIN only
      }
      var footer = new DigFormatter.Footer(Duration.ZERO, new DnsServer(new InetSocketAddress(address, 53), address),
          tcp ? DnsTransport.TCP : DnsTransport.UDP, ZonedDateTime.now(), response.toWire().length);
      call.io().out().print(banner + ";; Got answer:\n" + DigFormatter.format(response, null, footer) + "\n");
      return 0;
    }
    return 0;
  }

  /** The reverse name of an address for -x, or null (dig's message printed). */
  private static String reverse(String address, Call call) {
    try {
      return ReverseMap.fromAddress(address).toString();
    } catch (java.net.UnknownHostException e) {
      call.err("dig: '" + address + "' is not a legal IPv4 or IPv6 address");
      return null;
    }
  }

  /** The answer of the server at {@code address}, or null when it cannot be reached from here. */
  Message ask(String address, String name, int type, boolean tcp, Call call) {
    if (traffic.dns() == null || !reachesClusterDns(address, call)) {
      return null;
    }
    try {
      Message query = Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
      query.getHeader().setID(new java.util.Random().nextInt(65_536));
      query.getHeader().setFlag(Flags.RD);
      query.addRecord(new OPTRecord(EDNS_UDP, 0, 0), Section.ADDITIONAL);
      byte[] answer = traffic.dns().answer(query.toWire());
      return answer == null ? null : new Message(answer);
    } catch (TextParseException e) {
      call.err("dig: '" + name + "' is not a legal name (" + e.getMessage() + ")");
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Whether {@code address} is the cluster DNS: the kube-dns Service's ClusterIP while it has a running backend
   * (kube-proxy has nowhere to send the packet otherwise), or a kube-dns pod's own IP.
   */
  private static boolean reachesClusterDns(String address, Call call) {
    List<SimPod> pods = call.cluster().pods();
    boolean dnsPod = pods.stream().anyMatch(p -> address.equals(p.ip()) && p.running()
        && "kube-dns".equals(p.labels().get("k8s-app")));
    if (dnsPod) {
      return true;
    }
    var backends = new ArrayList<SimPod>();
    for (var service : call.cluster().services()) {
      if (address.equals(service.getSpec().getClusterIP())) {
        service.getSpec().getPorts().stream().filter(p -> p.getPort() == 53).findFirst()
            .ifPresent(port -> backends.addAll(ServiceRouting.backends(service, port, pods)));
      }
    }
    return !backends.isEmpty();
  }
}
