package io.netdoctor.demo.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netdoctor.support.SystemTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The demo's `tcpdump -d` against the REAL `tcpdump -d` of this machine (libpcap's own compiler and optimizer):
 * every primitive the demo evaluates and combinations of them, on an Ethernet interface (lo) and on `any`
 * (LINUX_SLL2). The text must be identical. {@link #CORPUS} is the list app/docs/demo-bpf.md refers to.
 */
class BpfProgramTest {

  static final List<String> CORPUS = List.of(
      "",
      // hosts and nets
      "host 10.2.47.3", "src host 10.2.47.3", "dst host 10.2.47.3", "src or dst host 10.2.47.3",
      "src and dst host 10.2.47.3", "ip host 10.2.47.3", "arp host 10.2.47.1", "ip src 10.2.47.3",
      "net 10.3.0.0/16", "src net 10.2.47.0/24", "dst net 10.0.0.0/8", "net 10.2", "net 10", "net 0.0.0.0/0",
      "ip net 10.3.0.0/16", "net 10.2.47.3/32",
      // ports and ranges
      "port 53", "port 6379", "src port 53", "dst port 80", "tcp port 6379", "udp port 53", "tcp dst port 80",
      "src or dst port 6379", "src and dst port 53", "port domain", "port http", "udp port domain",
      "portrange 30000-32767", "tcp portrange 6000-6400", "dst portrange 53-80", "udp src portrange 1-1024",
      "portrange 80-53",
      // protocols
      "tcp", "udp", "icmp", "arp", "ip", "ip6", "icmp6",
      // tcp flags and other relations
      "tcp[tcpflags] & tcp-rst != 0", "tcp[tcpflags] & (tcp-syn|tcp-fin) != 0", "tcp[tcpflags] == tcp-syn",
      "tcp[13] & 2 != 0", "tcp[tcpflags] & tcp-ack = 0", "icmp[icmptype] == icmp-echo", "icmp[0] = 0",
      "ip[9] = 17", "ip[8] > 60", "ip[2:2] >= 1000", "ip[2:2] < 100", "ip[2:2] <= 100", "udp[8:2] > 0",
      "tcp[2:2] = 6379", "tcp[12] + 4 > 100", "ip[0] & 0xf != 5", "tcp[4:4] = 0", "tcp[tcpflags] - 2 = 0",
      // combinations
      "icmp or icmp6", "port 53 or port 80", "port 53 or 80", "tcp and port 53", "udp port 53 and host 10.2.47.3",
      "host 10.2.47.4 or 10.2.47.5", "host 10.2.47.3 and not port 22", "not tcp", "not port 53", "! udp && ! arp",
      "icmp or arp", "tcp or udp", "not (tcp or udp)", "(host 10.2.47.5 or host 10.2.47.6) and (port 6379 or icmp)",
      "src net 10.2.47.0/24 and not port 80", "dst host 10.3.0.58 and tcp", "tcp[13] & 2 != 0 and dst port 6379",
      "udp[8:2] > 0 and udp port 53", "port 53 and udp or icmp", "tcp and (port 80 or port 443)",
      "not arp and not icmp", "host 10.2.47.3 and (tcp[tcpflags] & tcp-syn != 0)", "arp or (udp and port 53)",
      "ip and not net 10.0.0.0/8", "tcp port 6379 and tcp[tcpflags] & (tcp-syn|tcp-fin) != 0");

  static List<String> corpus() {
    return CORPUS;
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void printsTheProgramTheRealTcpdumpPrints(String filter) throws Exception {
    for (String iface : List.of("lo", "any")) {
      assertThat(BpfProgram.of(filter, iface.equals("any"), 262_144)).as("%s on %s", filter, iface)
          .isEqualTo(realTcpdump(filter, iface));
    }
  }

  /** Bare values, double negation, named ports, refusals: the grammar's corners, text or error message. */
  static final List<String> CORNERS = List.of("port 53 and not 80", "src 10.2.47.3", "dst 10.2.47.3 or 10.2.47.4",
      "host 10.2.47.3 or not 10.2.47.4", "(port 53) or 80", "tcp src port 53", "port 53 or (80)",
      "ip6 host 10.1.1.1", "udp port http", "tcp port domain", "portrange 53-80 or 90-100",
      "net 10.2.0.0/16 or 10.3.0.0/16", "ip[9]=17", "not not tcp", "tcp[13]&2!=0", "port ssh", "tcp port redis",
      "port https", "udp port redis", "tcp and udp", "not ip", "ip and not ip", "tcp or not tcp",
      "host 10.2.47.3 and host 10.2.47.3", "port 53 and port 53", "icmp6 or arp", "ip6 and tcp", "udp portrange 53-53",
      "(tcp[13] & 2) != 0", "tcp[(13)] & 2 != 0", "ip[2:2] - 20 > 100", "tcp[tcpflags] & tcp-syn != 0 or icmp",
      "((tcp))", "net 10.2.47.3/32 and port 53", "arp net 10.2.0.0/16", "src and dst port 53 or icmp",
      "tcp or 80", "ip or 10.2.47.4", "tcp[13:3] = 0", "icmp6[0] = 128", "ip6[6] = 17", "arp[7] = 2", "port 65535",
      "portrange 0-65535", "tcp[tcpflags] & tcp-ece != 0", "ip[6:2] & 0x1fff = 0", "udp[0:4] = 0x00350035",
      "ip[2:2] - 20 - ip[0] & 0xf > 0", "icmp[icmptype] != icmp-echo and icmp[icmptype] != icmp-echoreply",
      "host 10.2.47.3 or host 10.2.47.4 or host 10.2.47.5 or host 10.2.47.6 or host 10.2.47.7 or host 10.2.47.8");

  @org.junit.jupiter.api.Test
  void generatedCombinationsAndCornersPrintTheRealTcpdumpsProgram() throws Exception {
    List<String> differ = new ArrayList<>();
    int same = 0;
    List<String> filters = new ArrayList<>(CORNERS);
    filters.addAll(BpfEquivalenceTest.generated());
    for (String filter : filters) {
      for (String iface : List.of("lo", "any")) {
        List<String> real = realTcpdumpOrError(filter, iface);
        List<String> demo;
        try {
          demo = BpfProgram.of(filter, iface.equals("any"), 262_144);
        } catch (Filter.Invalid e) {
          demo = e.lines();
        }
        if (demo.equals(real)) {
          same++;
        } else {
          differ.add(filter + " on " + iface);
        }
      }
    }
    System.err.println("tcpdump -d: " + same + " programs identical, " + differ.size() + " differ " + differ);
    assertThat(differ).isEmpty();
    assertThat(same).isEqualTo(2 * filters.size());
  }

  static List<String> realTcpdumpOrError(String filter, String iface) throws Exception {
    Path tcpdump = SystemTool.require("tcpdump", "tcpdump");
    Process p = new ProcessBuilder(tcpdump.toString(), "-d", "-i", iface, filter).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return p.waitFor() == 0 ? out.lines().toList()
        : err.lines().filter(l -> !l.contains("data link type")).toList();
  }

  static List<String> realTcpdump(String filter, String iface) throws Exception {
    Path tcpdump = SystemTool.require("tcpdump", "tcpdump");
    List<String> command = new ArrayList<>(List.of(tcpdump.toString(), "-d", "-i", iface));
    if (!filter.isEmpty()) {
      command.add(filter);
    }
    Process p = new ProcessBuilder(command).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(err).isZero();
    return out.lines().toList();
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "ip and arp;tcpdump: expression rejects all packets",
      "tcp host 10.2.47.3;tcpdump: 'tcp' modifier applied to host",
      "udp net 10.0.0.0/8;tcpdump: 'udp' modifier applied to net",
      "icmp port 53;tcpdump: illegal qualifier of 'port'",
  })
  void filtersTheRealTcpdumpRefusesAreRefusedWithItsMessage(String filter, String message) throws Exception {
    Path tcpdump = SystemTool.require("tcpdump", "tcpdump");
    Process p = new ProcessBuilder(tcpdump.toString(), "-d", "-i", "lo", filter).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isEqualTo(1);
    assertThat(err.lines().toList()).contains(message);
    assertThatThrownBy(() -> BpfProgram.of(filter, false, 262_144)).isInstanceOf(Filter.Invalid.class)
        .hasMessage(message);
  }
}
