package io.netdoctor.demo.traffic;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The traffic model's frames written as pcap and read back by the REAL `tcpdump -nn -r` (and `-n -r`, and `-r`
 * alone: port names): the same number of packets and, line for line, the same text as the demo prints (for `any`, tcpdump names interfaces by this
 * machine's index table, so that column is left out of the comparison).
 */
class PcapRoundTripTest {

  private static DemoCluster demo;
  private static Network network;

  @TempDir
  Path temp;

  @BeforeAll
  static void startDemo() {
    demo = DemoCluster.start(Duration.ZERO);
    network = new ClusterView(demo.client()).network();
  }

  @AfterAll
  static void stopDemo() {
    demo.close();
  }

  @ParameterizedTest
  @CsvSource({
      DemoWorld.COREOS_NODE + ",,docker0,-nn",
      DemoWorld.COREOS_NODE + ",,any,-nn",
      DemoWorld.COREOS_NODE + ",,lo,-nn",
      DemoWorld.CONTAINERD_NODE + ",,eth0,-nn",
      DemoWorld.COREOS_NODE + ",default/frontend-88237173-5p257,eth0,-nn",
      DemoWorld.CONTAINERD_NODE + ",kube-system/" + DemoWorld.DNS_POD_PREFIX + "*,any,-nn",
      // tcpdump 4.99's -n alone already prints port numbers
      DemoWorld.COREOS_NODE + ",,docker0,-n",
      // neither: ports by name (domain, http, redis…, as the services database names them; the pod addresses have
      // no reverse names here, so they stay numbers)
      DemoWorld.COREOS_NODE + ",,docker0,none",
      DemoWorld.COREOS_NODE + ",,any,none",
      DemoWorld.CONTAINERD_NODE + ",,eth0,none",
      DemoWorld.CONTAINERD_NODE + ",kube-system/" + DemoWorld.DNS_POD_PREFIX + "*,any,none",
  })
  void realTcpdumpReadsTheSamePacketsAndPrintsTheSameLines(String node, String pod, String iface, String numeric)
      throws Exception {
    Path tcpdump = SystemTool.require("tcpdump", "tcpdump");
    Place place = pod == null ? Place.node(node) : new Place(node, resolve(pod));
    var model = new TrafficModel(network, demo.dns()::answer, place, iface, 42, 1_764_633_600_000_000L, 50);
    boolean any = iface.equals("any");
    int linkType = any ? Pcap.LINUX_SLL2 : Pcap.ETHERNET;
    var text = new PacketText(any, !numeric.equals("none"));
    var file = new ByteArrayOutputStream();
    file.write(Pcap.header(linkType, 262_144));
    List<String> printed = new ArrayList<>();
    for (int i = 0; i < 20_000 && printed.size() < 3000; i++) {
      Frame f = model.next();
      if (f != null) {
        printed.add(text.line(f));
        file.write(Pcap.record(f, linkType, 1, 262_144));
      }
    }
    assertThat(printed).hasSizeGreaterThan(20);
    Path pcap = Files.write(temp.resolve("demo.pcap"), file.toByteArray());
    var pb = new ProcessBuilder(numeric.equals("none") ? List.of(tcpdump.toString(), "-r", pcap.toString())
        : List.of(tcpdump.toString(), numeric, "-r", pcap.toString()));
    pb.environment().put("TZ", "UTC");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(err).isZero();
    assertThat(err).contains(any ? "link-type LINUX_SLL2" : "link-type EN10MB");
    List<String> read = out.lines().toList();
    assertThat(read).hasSameSizeAs(printed);
    assertThat(any ? withoutInterface(read) : read).containsExactlyElementsOf(any ? withoutInterface(printed) : printed);
  }

  private static String resolve(String pod) {
    if (!pod.endsWith("*")) {
      return pod;
    }
    String prefix = pod.substring(0, pod.length() - 1);
    return network.pods().stream().map(p -> p.namespace() + "/" + p.name()).filter(n -> n.startsWith(prefix))
        .findFirst().orElseThrow();
  }

  /** `12:00:00.000001 eth0  Out IP …` → `12:00:00.000001 Out IP …`. */
  static List<String> withoutInterface(List<String> lines) {
    return lines.stream().map(l -> l.replaceFirst("^(\\S+) \\S+ +", "$1 ")).toList();
  }
}
