package io.netdoctor.demo.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.netdoctor.support.SystemTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The demo's `tcpdump -d` against the REAL `tcpdump -d` of this machine (libpcap's own compiler and optimizer),
 * for the capture pane's presets (DNS, resets, ICMP), "this pod's IP", a Service's port and common filters, on an
 * Ethernet interface (lo) and on `any` (LINUX_SLL2).
 */
class BpfProgramTest {

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      ";lo", ";any",
      "port 53;lo", "port 53;any",
      "port 6379;lo", "port 80;any",
      "tcp[tcpflags] & tcp-rst != 0;lo", "tcp[tcpflags] & tcp-rst != 0;any",
      "tcp[tcpflags] & (tcp-syn|tcp-fin) != 0;lo", "tcp[tcpflags] & (tcp-syn|tcp-fin) != 0;any",
      "icmp or icmp6;lo", "icmp or icmp6;any",
      "host 10.2.47.3;lo", "host 10.2.47.3;any",
  })
  void printsTheProgramTheRealTcpdumpPrints(String filter, String iface) throws Exception {
    Path tcpdump = SystemTool.require("tcpdump", "tcpdump");
    String f = filter == null ? "" : filter;
    List<String> command = new ArrayList<>(List.of(tcpdump.toString(), "-d", "-i", iface));
    if (!f.isEmpty()) {
      command.add(f);
    }
    Process p = new ProcessBuilder(command).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(err).isZero();
    assertThat(BpfProgram.of(f, iface.equals("any"), 262_144)).hasValue(out.lines().toList());
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {"udp port 53 and host 10.2.47.3", "portrange 30000-32767", "net 10.2.0.0/16"})
  void filtersOutsideItsSetHaveNoProgramRatherThanAWrongOne(String filter) {
    assertThat(BpfProgram.of(filter, false, 262_144)).isEmpty();
  }
}
