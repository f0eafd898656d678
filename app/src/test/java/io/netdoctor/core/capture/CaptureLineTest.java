package io.netdoctor.core.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.netdoctor.core.node.RealSystem;
import io.netdoctor.support.SystemTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Columns from tcpdump's own lines: real tcpdump output for traffic the test makes, plus tcpdump's documented forms. */
class CaptureLineTest {

  /** Runs tcpdump on lo while `traffic` runs; returns its lines. */
  static List<String> tcpdumpLo(String iface, String filter, int count, String... traffic) throws Exception {
    SystemTool.require(SystemTool.root(), "capturing on lo needs root");
    SystemTool.requireAt(Path.of("/usr/bin/tcpdump"), "tcpdump");
    Process p = new ProcessBuilder("timeout", "10", "tcpdump", "--immediate-mode", "-l", "-nn", "-i", iface,
        "-c", String.valueOf(count), "--", filter).redirectError(ProcessBuilder.Redirect.PIPE).start();
    var err = new java.io.BufferedReader(new java.io.InputStreamReader(p.getErrorStream()));
    String line;
    while ((line = err.readLine()) != null && !line.contains("listening on")) {
      // "verbose output suppressed", "data link type": tcpdump is armed only after "listening on"
    }
    assertThat(line).contains("listening on");
    RealSystem.exec(traffic);
    byte[] out = p.getInputStream().readAllBytes();
    p.waitFor();
    return new String(out).lines().toList();
  }

  @Test
  void dnsQueriesReadAsTypeAndName() throws Exception {
    SystemTool.requireAt(Path.of("/usr/bin/dig"), "bind9-dnsutils");
    List<String> lines = tcpdumpLo("lo", "udp port 53", 1, "dig", "+tries=1", "+timeout=1", "-p", "53", "@127.0.0.1",
        "frontend.default.svc.cluster.local", "AAAA");
    CaptureLine q = CaptureLine.parse(lines.get(0));
    assertThat(q.protocol()).isEqualTo("DNS");
    assertThat(q.summary()).isEqualTo("AAAA? frontend.default.svc.cluster.local.");
    assertThat(q.source()).startsWith("127.0.0.1.");
    assertThat(q.destination()).isEqualTo("127.0.0.1.53");
    assertThat(q.length()).isPositive();
  }

  @Test
  void anyInterfaceLinesCarryInterfaceAndDirection() throws Exception {
    // an address of lo's 127/8 of this run's own: another suite's pings stay out of the two lines
    String pinged = "127.252." + (int) (Math.random() * 250) + ".1";
    List<String> lines = tcpdumpLo("any", "icmp and host " + pinged, 2, "ping", "-c", "1", pinged);
    assertThat(lines.get(0)).contains(" lo ");
    CaptureLine request = CaptureLine.parse(lines.get(0));
    assertThat(request.protocol()).isEqualTo("ICMP");
    assertThat(request.source()).isEqualTo("127.0.0.1");
    assertThat(request.summary()).startsWith("ICMP echo request");
    assertThat(request.length()).isEqualTo(64); // ping's default payload: 56 + 8 bytes of ICMP header
  }

  @Test
  void tcpResetsAreRecognised() throws Exception {
    List<String> lines = tcpdumpLo("lo", "tcp port 1", 2, "nc", "-z", "127.0.0.1", "1");
    CaptureLine rst = CaptureLine.parse(lines.get(1));
    assertThat(rst.protocol()).isEqualTo("TCP");
    assertThat(rst.isReset()).isTrue();
    assertThat(rst.source()).isEqualTo("127.0.0.1.1");
    assertThat(CaptureLine.parse(lines.get(0)).isReset()).isFalse();
  }

  @Test
  void documentedFormsAndUnknownLines() {
    // a reply in the form tcpdump(8) documents, with PROCEDURE.md's answer for frontend
    CaptureLine reply = CaptureLine.parse(
        "23:00:32.052171 IP 10.2.47.3.53 > 10.2.47.9.41602: 157*- 1/0/0 A 10.3.0.119 (68)");
    assertThat(reply.protocol()).isEqualTo("DNS");
    assertThat(reply.summary()).isEqualTo("A 10.3.0.119");
    assertThat(reply.length()).isEqualTo(68);
    CaptureLine nx = CaptureLine.parse("23:00:32.052171 IP 10.2.47.3.53 > 10.2.47.9.41602: 60543 NXDomain*- 0/1/0 (110)");
    assertThat(nx.summary()).isEqualTo("NXDomain");
    CaptureLine arp = CaptureLine.parse("23:00:32.1 ARP, Request who-has 10.0.0.1 tell 10.0.0.2, length 28");
    assertThat(arp.protocol()).isEqualTo("ARP");
    assertThat(arp.length()).isEqualTo(28);
    CaptureLine junk = CaptureLine.parse("5 packets captured");
    assertThat(junk.protocol()).isEmpty();
    assertThat(junk.summary()).isEqualTo("5 packets captured");
  }
}
