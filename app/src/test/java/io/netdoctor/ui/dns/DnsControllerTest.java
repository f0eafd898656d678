package io.netdoctor.ui.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.netdoctor.core.dns.DnsCluster;
import io.netdoctor.core.dns.DnsQuery;
import io.netdoctor.core.dns.DnsQueryService;
import io.netdoctor.core.dns.NamedServer;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.core.transcript.TranscriptEntry;
import io.netdoctor.demo.DemoCluster;
import io.netdoctor.ui.common.CurrentThreadTaskExecutor;
import io.netdoctor.ui.common.StepTaskExecutor;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The DNS pane's decisions without a window: controller calls, then the model's properties. A real BIND
 * answers; tasks run on the test's thread ({@link CurrentThreadTaskExecutor}) or step by step.
 */
@ExtendWith(NamedServer.Shared.class)
class DnsControllerTest {

  private final Transcript transcript = new Transcript();

  private DnsController controller(KubernetesClient cluster) {
    return new DnsController(new CurrentThreadTaskExecutor(), transcript, () -> cluster == null ? null : new DnsCluster(cluster));
  }

  /** The typed server; waits until named has loaded its zones (it may still be starting for the first test). */
  private static String server(NamedServer named) {
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      try (var service = new DnsQueryService(named.dnsServer(), DnsQueryService.Options.udp())) {
        return service.query(DnsQuery.of("frontend.default.svc.cluster.local", "A")).isNoError();
      }
    });
    return "127.0.0.1:" + named.port();
  }

  @Test
  void askingATypedServerShowsTheAnswerAndRecordsTheDigCommand(NamedServer named) {
    var dns = controller(null);
    DnsModel model = dns.model();
    model.server.set(server(named));
    model.name.set("frontend.default.svc.cluster.local");
    model.type.set("A");

    dns.ask();

    assertThat(model.busy.get()).isFalse();
    assertThat(model.status.get()).isEqualTo("NOERROR");
    assertThat(model.text.get()).contains("frontend.default.svc.cluster.local.").contains("10.3.0.119");
    assertThat(model.shown.get()).isEqualTo(DnsModel.View.ANSWER);
    assertThat(model.history).hasSize(1);
    assertThat(model.history.get(0).question())
        .isEqualTo("frontend.default.svc.cluster.local. A  @127.0.0.1:" + named.port());
    assertThat(transcript.entries()).extracting(TranscriptEntry::text)
        .contains("dig -p " + named.port() + " @127.0.0.1 frontend.default.svc.cluster.local.");
    dns.close();
  }

  @Test
  void anIpAddressBecomesAReverseLookup(NamedServer named) {
    var dns = controller(null);
    DnsModel model = dns.model();
    model.server.set(server(named));
    model.name.set("10.3.0.119");

    dns.ask();

    assertThat(model.type.get()).isEqualTo("PTR");
    assertThat(model.name.get()).as("the typed IP stays in the field").isEqualTo("10.3.0.119");
    assertThat(model.history.get(0).query().name().toString()).isEqualTo("119.0.3.10.in-addr.arpa.");
    dns.close();
  }

  @Test
  void anEmptyNameIsOneClearLineAndNothingIsAsked() {
    var dns = controller(null);
    dns.ask();

    assertThat(dns.model().message.get()).isEqualTo(
        "Type a name to resolve (e.g. frontend.default.svc.cluster.local) or an IP address for a reverse lookup.");
    assertThat(dns.model().history).isEmpty();
    assertThat(dns.model().busy.get()).isFalse();
  }

  @Test
  void theClusterDnsWithoutAConnectionSaysWhatToDo() {
    var dns = controller(null);
    dns.model().name.set("frontend");

    dns.ask();

    assertThat(dns.model().message.get())
        .isEqualTo("Not connected to a cluster yet: wait for the connection, or type a server as host:port.");
  }

  @Test
  void aFailingBackgroundTaskShowsItsOneLineMessageAndTheButtonsComeBack() throws IOException {
    int closed;
    try (var socket = new ServerSocket(0)) {
      closed = socket.getLocalPort(); // nothing listens here once the socket is closed
    }
    try (KubernetesClient gone = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
        .withMasterUrl("https://127.0.0.1:" + closed).withRequestRetryBackoffLimit(0).build()).build()) {
      var dns = controller(gone);
      dns.model().name.set("frontend.default.svc.cluster.local");

      dns.askEveryPod();

      assertThat(dns.model().busy.get()).isFalse();
      assertThat(dns.model().message.get()).startsWith("Cannot list the DNS pods: Cannot reach the API server")
          .doesNotContain("\n");
    }
  }

  @Test
  void aNewerQuestionWinsOverAnOlderOneThatAnswersLater(NamedServer named) {
    var steps = new StepTaskExecutor();
    var dns = new DnsController(steps, transcript, () -> null);
    DnsModel model = dns.model();
    model.server.set(server(named));
    model.type.set("A");
    model.name.set("kubernetes.default.svc.cluster.local");
    dns.ask();
    model.name.set("frontend.default.svc.cluster.local");
    dns.ask();

    steps.runLast(); // the newer answers first
    steps.runNext(); // then the older, slow one

    assertThat(model.text.get()).contains("10.3.0.119").doesNotContain("kubernetes.default");
    assertThat(model.history).extracting(e -> e.query().name().toString())
        .containsExactly("frontend.default.svc.cluster.local.");
    dns.close();
  }

  /** A pane whose question for the frontend Service is on its way: its task waits in {@code steps}. */
  private DnsController askingFrontend(StepTaskExecutor steps, NamedServer named) {
    var dns = new DnsController(steps, transcript, () -> null);
    dns.model().server.set(server(named));
    dns.model().name.set("frontend.default.svc.cluster.local");
    dns.ask();
    assertThat(dns.model().busy.get()).isTrue();
    return dns;
  }

  @Test
  void aContextSwitchDropsAnAnswerStillOnItsWay(NamedServer named) {
    var steps = new StepTaskExecutor();
    var dns = askingFrontend(steps, named);
    DnsModel model = dns.model();

    dns.contextSwitched();
    steps.runAll();

    assertThat(model.busy.get()).isFalse();
    assertThat(model.history).isEmpty();
    assertThat(model.text.get()).doesNotContain("10.3.0.119");
    assertThat(dns.isForwarding()).isFalse();
  }

  @Test
  void closingThePaneDropsAnAnswerStillOnItsWay(NamedServer named) {
    var steps = new StepTaskExecutor();
    var dns = askingFrontend(steps, named);
    DnsModel model = dns.model();

    dns.close();
    steps.runAll();

    assertThat(model.history).isEmpty();
    assertThat(model.status.get()).isEmpty();
  }

  @Test
  void everyDnsPodOfTheDemoClusterAnswersThroughItsPortForwardWhichClosesWithThePane() {
    try (DemoCluster demo = DemoCluster.start(Duration.ZERO)) {
      KubernetesClient client = demo.client();
      // the oracles: the Service's ClusterIP and the running kube-dns pods, as the API server holds them
      String clusterIp = client.services().inNamespace("default").withName("frontend").get().getSpec().getClusterIP();
      long dnsPods = client.pods().inNamespace("kube-system").withLabel("k8s-app", "kube-dns").list().getItems()
          .stream().filter(p -> "Running".equals(p.getStatus().getPhase())).count();
      var dns = controller(client);
      dns.model().name.set("frontend.default.svc.cluster.local");

      dns.askEveryPod();

      assertThat(dns.model().message.get()).isEmpty();
      assertThat(dns.model().everyPod).hasSize((int) dnsPods)
          .allSatisfy(a -> assertThat(a.answer().answerData()).containsExactly(clusterIp));
      assertThat(dns.model().shown.get()).isEqualTo(DnsModel.View.EVERY_POD);
      // the session report holds every pod's answer, named by its pod
      List<String> podNames = client.pods().inNamespace("kube-system").withLabel("k8s-app", "kube-dns").list()
          .getItems().stream().filter(p -> "Running".equals(p.getStatus().getPhase()))
          .map(p -> "DNS pod " + p.getMetadata().getName()).toList();
      assertThat(transcript.results().dnsResults()).extracting(r -> r.server())
          .containsExactlyInAnyOrderElementsOf(podNames);
      assertThat(transcript.results().dnsResults()).allSatisfy(r -> {
        assertThat(r.question()).isEqualTo("frontend.default.svc.cluster.local. A");
        assertThat(r.outcome()).startsWith("NOERROR, 1 answer, ");
        assertThat(r.digText()).contains(clusterIp);
      });
      String report = io.netdoctor.core.report.MarkdownReport.of(io.netdoctor.core.report.SessionReport.of("demo",
          transcript.entries(), transcript.results(), java.time.ZoneOffset.UTC));
      podNames.forEach(pod -> assertThat(report).contains(" @" + pod + " — NOERROR, 1 answer"));

      dns.ask(); // the cluster's DNS through a port-forward the pane keeps open
      assertThat(dns.model().text.get()).contains(clusterIp);
      assertThat(dns.isForwarding()).isTrue();
      dns.close();
      assertThat(dns.isForwarding()).as("closing the pane closes the port-forward").isFalse();
    }
  }
}
