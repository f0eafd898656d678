package io.netdoctor.demo.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.netdoctor.demo.DemoCluster;
import io.netdoctor.demo.DemoWorld;
import io.netdoctor.demo.node.ClusterView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Whatever the text, the demo's `tcpdump -d` program must be RIGHT: run by an independent BPF interpreter over the
 * demo's own frames (Ethernet, and the same frames as LINUX_SLL2 records for `any`), it keeps exactly the frames the
 * demo's filter keeps, for the exactness corpus and for a few hundred generated combinations of primitives with
 * and/or/not and parentheses.
 */
class BpfEquivalenceTest {

  private static DemoCluster demo;
  private static final List<Frame> FRAMES = new ArrayList<>();

  static final List<String> PRIMITIVES = List.of("host 10.2.47.3", "src host 10.2.47.1", "dst host 10.3.0.10",
      "net 10.2.0.0/16", "src net 10.2.47.0/24", "dst net 10.3", "port 53", "port 6379", "src port 53",
      "dst port 80", "tcp port 6379", "udp port 53", "portrange 6000-6400", "udp portrange 50-60",
      "dst portrange 1-1024", "tcp", "udp", "icmp", "arp", "ip", "ip6", "tcp[tcpflags] & tcp-syn != 0",
      "tcp[tcpflags] & (tcp-syn|tcp-fin) != 0", "tcp[tcpflags] & tcp-ack = 0", "tcp[tcpflags] == tcp-syn",
      "icmp[icmptype] == icmp-echo", "ip[8] > 60", "ip[2:2] < 100", "udp[8:2] > 0", "tcp[12] + 4 > 100",
      "arp host 10.2.47.1", "ip src 10.2.47.3", "src or dst port 6379", "src and dst net 10.2.0.0/16");

  @BeforeAll
  static void traffic() {
    demo = DemoCluster.start(Duration.ZERO);
    var network = new ClusterView(demo.client()).network();
    var model = new TrafficModel(network, demo.dns()::answer, Place.node(DemoWorld.COREOS_NODE), "docker0", 11,
        1_764_633_600_000_000L, 50);
    while (FRAMES.size() < 1500) {
      Frame f = model.next();
      if (f != null) {
        FRAMES.add(f);
      }
    }
  }

  @AfterAll
  static void stopDemo() {
    demo.close();
  }

  /** Filters made of the primitives: pairs and triples joined by and/or, some negated, some in parentheses. */
  static List<String> generated() {
    Random random = new Random(20261202);
    Set<String> out = new LinkedHashSet<>();
    while (out.size() < 300) {
      int n = 2 + random.nextInt(2);
      StringBuilder f = new StringBuilder();
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          f.append(random.nextBoolean() ? " and " : " or ");
        }
        String p = PRIMITIVES.get(random.nextInt(PRIMITIVES.size()));
        p = random.nextInt(4) == 0 ? "not " + (p.contains(" ") ? "(" + p + ")" : p) : p;
        if (i == 1 && n == 3 && random.nextBoolean()) {
          f.insert(0, "(").append(p).append(")");
        } else {
          f.append(p);
        }
      }
      out.add(f.toString());
    }
    return new ArrayList<>(out);
  }

  @Test
  void theProgramKeepsExactlyTheFramesTheDemoFilterKeeps() throws Exception {
    List<String> filters = new ArrayList<>(BpfProgramTest.CORPUS);
    filters.addAll(PRIMITIVES);
    filters.addAll(generated());
    int checked = 0;
    var text = new PacketText(false, true);
    for (String filter : filters) {
      Filter demoFilter = Filter.parse(filter);
      BpfProgram ether;
      BpfProgram any;
      try {
        ether = BpfProgram.compile(filter, false, 262_144);
        any = BpfProgram.compile(filter, true, 262_144);
      } catch (Filter.Invalid rejectsAll) {
        assertThat(rejectsAll).hasMessage("tcpdump: expression rejects all packets");
        assertThat(FRAMES).as(filter).noneMatch(demoFilter::test);
        continue;
      }
      for (Frame f : FRAMES) {
        boolean keep = demoFilter.test(f);
        assertThat(BpfMachine.run(ether.instructions(), f.ether()) != 0).as("%s on %s", filter, text.line(f))
            .isEqualTo(keep);
        byte[] record = Pcap.record(f, Pcap.LINUX_SLL2, 1, 262_144);
        byte[] sll2 = Arrays.copyOfRange(record, 16, record.length);
        assertThat(BpfMachine.run(any.instructions(), sll2) != 0).as("%s on any: %s", filter, text.line(f))
            .isEqualTo(keep);
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(400 * 1000);
  }

  @Test
  void theFramesExerciseBothOutcomes() throws Exception {
    for (String p : List.of("tcp", "udp", "icmp", "arp", "port 53", "port 6379", "host 10.2.47.3",
        "tcp[tcpflags] & tcp-syn != 0")) {
      Filter f = Filter.parse(p);
      assertThat(FRAMES).as(p).anyMatch(f::test).anyMatch(x -> !f.test(x));
    }
  }
}
