package io.netdoctor.core.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netdoctor.core.dns.DnsQueryException;
import io.netdoctor.core.kube.PodRef;
import io.netdoctor.core.node.NodeAccessException;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.core.transcript.TranscriptEntry;
import io.netdoctor.demo.DemoCluster;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "Resolve from inside this pod" on the demo's API route, end to end: an ephemeral debug container is added to a
 * default pod through the demo API, `dig +search` runs in it over exec with the pod's resolv.conf (search
 * default.svc.cluster.local svc.cluster.local cluster.local, ndots:5, nameserver 10.3.0.10: what the kubelet writes for
 * dnsPolicy ClusterFirst) and its text comes back in dig's layout. Expected values come from the Kubernetes DNS spec
 * (a Service's A record is its ClusterIP; a misspelt name is NXDOMAIN) and the demo world's Services.
 */
class DigInPodTest {

  private static final PodRef FRONTEND = new PodRef("default", "frontend-88237173-5p257");
  /** The demo's redis-master Service's ClusterIP. */
  private static final String REDIS_MASTER_IP = "10.3.0.58";
  private static DemoCluster demo;
  private final Transcript transcript = new Transcript();
  private final List<String> progress = new CopyOnWriteArrayList<>();
  private ApiRoute route;

  @BeforeAll
  static void startDemo() {
    demo = DemoCluster.start(Duration.ZERO);
  }

  @AfterAll
  static void stopDemo() {
    demo.close();
  }

  @AfterEach
  void closeRoute() {
    if (route != null) {
      route.close();
    }
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> demo.openExecs() == 0);
  }

  private ApiRoute route(String image) {
    route = new ApiRoute(new ApiCluster(demo.client(), List.of("--context", "netdoctor-demo"), transcript),
        new ApiSettings(image, null, "default", Duration.ofSeconds(60)));
    return route;
  }

  private List<String> commands() {
    return transcript.entries().stream().map(TranscriptEntry::text).toList();
  }

  /**
   * dig 9.18's record line: fields tab-aligned to columns 24/32/40/48, one space once a field has passed its column
   * (the 39-character owner name pushes TTL, class and type past theirs).
   */
  private static String answerLine(String address) {
    return "(?m)^redis-master\\.default\\.svc\\.cluster\\.local\\.\\t\\d+ IN A\\t" + address.replace(".", "\\.") + "$";
  }

  @Test
  void aServiceNameAndItsShortNameResolveThroughThePodsOwnResolvConf() {
    var full = route("nicolaka/netshoot").digInPod(FRONTEND, "redis-master.default.svc.cluster.local", "A",
        progress::add);
    assertThat(full.tool()).isEqualTo("dig");
    assertThat(full.status()).isEqualTo("NOERROR");
    assertThat(full.answers()).isEqualTo(1);
    assertThat(full.text()).contains(";; ->>HEADER<<- opcode: QUERY, status: NOERROR")
        .containsPattern(answerLine(REDIS_MASTER_IP))
        .contains(";; SERVER: 10.3.0.10#53(10.3.0.10) (UDP)");
    assertThat(full.server()).isEqualTo("10.3.0.10#53");

    // the short name: the pod's search list turns it into the namespace's Service name, as its own resolver would
    var shortName = route.digInPod(FRONTEND, "redis-master", "A", progress::add);
    assertThat(shortName.status()).isEqualTo("NOERROR");
    assertThat(shortName.text()).contains("<<>> +search redis-master\n")
        .containsPattern("(?m)^;redis-master\\.default\\.svc\\.cluster\\.local\\.\\s+IN\\s+A$")
        .containsPattern(answerLine(REDIS_MASTER_IP));
    String debug = shortName.container();
    assertThat(debug).startsWith("netdoctor-debug-").isEqualTo(full.container()); // one debug container, reused
    assertThat(commands()).contains(
        "kubectl --context netdoctor-demo debug -it frontend-88237173-5p257 -n default --image=nicolaka/netshoot"
            + " --target=php-redis --profile=netadmin",
        "kubectl --context netdoctor-demo exec -i frontend-88237173-5p257 -n default -c " + debug
            + " -- dig +search redis-master");
  }

  @Test
  void aMisspeltNameIsNxdomainWithTheZonesSoa() {
    var answer = route("nicolaka/netshoot").digInPod(FRONTEND, "redis-mastr.default.svc.cluster.local", "A",
        progress::add);
    assertThat(answer.status()).isEqualTo("NXDOMAIN");
    assertThat(answer.answers()).isZero();
    assertThat(answer.text()).contains("status: NXDOMAIN").contains(";; AUTHORITY SECTION:")
        .containsPattern("(?m)^cluster\\.local\\.\\t+\\d+\\tIN\\tSOA\\t");
    assertThat(answer.outcome()).isEqualTo("NXDOMAIN, 0 answers");
  }

  @Test
  void badInputIsOneLineAndAddsNothingToThePod() {
    assertThatThrownBy(() -> route("nicolaka/netshoot").digInPod(FRONTEND, "redis;reboot", "A", progress::add))
        .isInstanceOf(DnsQueryException.class).hasMessageContaining("is not a DNS name");
    assertThat(commands()).noneMatch(c -> c.contains(" debug "));
  }

  @Test
  void anImageWithoutDigIsAskedWithNslookup() {
    // busybox has no dig: its nslookup answers, with the same search list
    var busybox = route("busybox:1.36").digInPod(new PodRef("default", "frontend-88237173-9s8x4"), "redis-master",
        "A", progress::add);
    assertThat(busybox.tool()).isEqualTo("nslookup");
    assertThat(busybox.status()).isEqualTo("NOERROR");
    assertThat(busybox.text()).contains("Name:\tredis-master.default.svc.cluster.local")
        .contains("Address: " + REDIS_MASTER_IP);
  }
}
