package io.netdoctor.core.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.netdoctor.core.transcript.SessionResults.Talker;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Top talkers from tcpdump -n lines: IPv4 a.b.c.d.port and IPv6 x::y.port lose the port; ICMP has none. */
class TopTalkersTest {

  @Test
  void countsPacketsPerSourceHost() {
    List<String> lines = List.of(
        "12:00:00.000001 IP 10.2.47.3.6379 > 10.2.47.9.51000: Flags [S.], seq 1, ack 2, length 0",
        "12:00:00.000002 IP 10.2.47.3.6379 > 10.2.47.9.51000: Flags [.], ack 3, length 0",
        "12:00:00.000003 IP 10.2.47.9 > 10.2.47.3: ICMP echo request, id 1, seq 1, length 64",
        "12:00:00.000004 IP6 fe80::1.546 > ff02::1:2.547: dhcp6 solicit",
        "not a tcpdump line");
    assertThat(TopTalkers.of(lines, 10)).containsExactly(
        new Talker("10.2.47.3", 2), new Talker("10.2.47.9", 1), new Talker("fe80::1", 1));
    assertThat(TopTalkers.of(lines, 1)).containsExactly(new Talker("10.2.47.3", 2));
  }
}
