package io.netdoctor.demo.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netdoctor.demo.DemoCluster;
import io.netdoctor.demo.DemoWorld;
import io.netdoctor.demo.node.ClusterView;
import io.netdoctor.support.SystemTool;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Filters narrow what the demo's tcpdump shows exactly as the REAL tcpdump's compiled BPF does: the same
 * unfiltered traffic is written once as a pcap, and for each filter the lines the demo keeps must be the lines
 * `tcpdump -nn -r FILE FILTER` prints. Unsupported filters fail with tcpdump's own message.
 */
class FilterTest {

  private static DemoCluster demo;
  private static Network network;

  @TempDir
  static Path temp;
  private static Path tcpdump;
  private static final List<Frame> ETHER = new ArrayList<>();
  private static final List<Frame> ANY = new ArrayList<>();
  private static Path etherPcap;
  private static Path anyPcap;

  @BeforeAll
  static void traffic() throws Exception {
    tcpdump = SystemTool.require("tcpdump", "tcpdump");
    demo = DemoCluster.start(Duration.ZERO);
    network = new ClusterView(demo.client()).network();
    etherPcap = write("docker0", Pcap.ETHERNET, ETHER);
    anyPcap = write("any", Pcap.LINUX_SLL2, ANY);
  }

  private static Path write(String iface, int linkType, List<Frame> into) throws Exception {
    var model = new TrafficModel(network, demo.dns()::answer, Place.node(DemoWorld.COREOS_NODE), iface, 7,
        1_764_633_600_000_000L, 50);
    var out = new ByteArrayOutputStream();
    out.write(Pcap.header(linkType, 262_144));
    while (into.size() < 1500) {
      Frame f = model.next();
      if (f != null) {
        into.add(f);
        out.write(Pcap.record(f, linkType, 1, 262_144));
      }
    }
    return Files.write(temp.resolve(iface + ".pcap"), out.toByteArray());
  }

  @AfterAll
  static void stopDemo() {
    if (demo != null) { // null when tcpdump is missing and the class was skipped
      demo.close();
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "port 6379",
      "port 53 or port 80",
      "udp port 53",
      "tcp and port 53",
      "host 10.2.47.3",
      "src host 10.2.47.1",
      "dst host 10.3.0.58 and tcp",
      "net 10.3.0.0/16",
      "src net 10.2.47.0/24 and not port 80",
      "portrange 53-80",
      "dst portrange 6000-6400",
      "tcp",
      "udp",
      "icmp",
      "arp",
      "ip",
      "icmp or arp",
      "not tcp",
      "! udp && ! arp",
      "tcp[tcpflags] & (tcp-syn|tcp-fin) != 0",
      "tcp[tcpflags] & tcp-rst != 0",
      "tcp[tcpflags] == tcp-syn",
      "tcp[13] & 2 != 0 and dst port 6379",
      "icmp[icmptype] == icmp-echo",
      "(host 10.2.47.5 or host 10.2.47.6) and (port 6379 or icmp)",
      "port 53 or 80",
      "src or dst port 6379",
      "host 10.2.47.4 or 10.2.47.5",
      "ip[9] = 17",
      "udp[8:2] > 0 and udp port 53",
      "(tcp[13] & 2) != 0",
      "icmp or tcp and port 6379",
  })
  void theDemoKeepsThePacketsTheRealTcpdumpsBpfKeeps(String expression) throws Exception {
    Filter filter = Filter.parse(expression);
    for (boolean any : new boolean[] {false, true}) {
      var text = new PacketText(any, true);
      List<String> all = new ArrayList<>();
      List<Boolean> kept = new ArrayList<>();
      for (Frame f : any ? ANY : ETHER) {
        all.add(text.line(f));
        kept.add(filter.test(f));
      }
      List<String> expected = realTcpdump(any ? anyPcap : etherPcap, expression);
      List<String> demoKept = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        if (kept.get(i)) {
          demoKept.add(all.get(i));
        }
      }
      // the real tcpdump printed the same frames before, unfiltered (PcapRoundTripTest): compare by time and text
      List<String> a = any ? PcapRoundTripTest.withoutInterface(demoKept) : demoKept;
      List<String> b = any ? PcapRoundTripTest.withoutInterface(expected) : expected;
      assertThat(relative(a)).as("%s on %s", expression, any ? "any" : "docker0").isEqualTo(relative(b));
    }
  }

  /** tcpdump's relative TCP numbers depend on which packets it saw; compare the lines up to the first ", seq". */
  private static List<String> relative(List<String> lines) {
    return lines.stream().map(l -> l.replaceFirst(", seq .*|, ack .*", "")).toList();
  }

  private static List<String> realTcpdump(Path pcap, String expression) throws Exception {
    var pb = new ProcessBuilder(tcpdump.toString(), "-nn", "-r", pcap.toString(), expression);
    pb.environment().put("TZ", "UTC");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(err).isZero();
    return out.lines().toList();
  }

  @Test
  void filtersNarrowAndSomeKeepNothing() throws Exception {
    long redis = ETHER.stream().filter(Filter.parse("port 6379")::test).count();
    assertThat(redis).isPositive().isLessThan(ETHER.size());
    assertThat(ETHER.stream().filter(Filter.parse("ip6")::test).count()).isZero();
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "foo;tcpdump: can't parse filter expression: syntax error",
      "port;tcpdump: can't parse filter expression: syntax error",
      "10.2.47.4;tcpdump: can't parse filter expression: syntax error",
      "(tcp;tcpdump: can't parse filter expression: syntax error",
      "udp and port 53 or;tcpdump: can't parse filter expression: syntax error",
      "tcp port 99999;tcpdump: illegal port number 99999 > 65535",
      "host 10.2.300.1;tcpdump: invalid IPv4 address '10.2.300.1'",
      "net 10.2.0.1/16;tcpdump: non-network bits set in \"10.2.0.1/16\"",
  })
  void badFiltersFailWithTheRealTcpdumpsMessage(String expression, String message) throws Exception {
    assertThatThrownBy(() -> Filter.parse(expression)).isInstanceOf(Filter.Invalid.class).hasMessage(message);
    // the oracle: the real tcpdump says the same of the same filter
    var p = new ProcessBuilder(tcpdump.toString(), "-nn", "-r", etherPcap.toString(), expression).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isEqualTo(1);
    assertThat(err.lines()).contains(message);
  }

  @Test
  void validFiltersTheDemoDoesNotSimulateAreRefusedWithTcpdumpsSyntaxErrorAndSayWhy() {
    assertThatThrownBy(() -> Filter.parse("vlan 100")).isInstanceOf(Filter.Invalid.class)
        .satisfies(e -> assertThat(((Filter.Invalid) e).lines()).first()
            .isEqualTo("tcpdump: can't parse filter expression: syntax error"))
        .satisfies(e -> assertThat(((Filter.Invalid) e).lines().get(1)).contains("'vlan'"));
  }
}
