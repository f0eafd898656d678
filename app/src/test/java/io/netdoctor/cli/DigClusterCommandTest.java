package io.netdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netdoctor.core.dns.Dig;
import io.netdoctor.core.dns.DnsTestCluster;
import io.netdoctor.demo.dns.DemoDnsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `netdoctor dig --cluster` through the mock API server's port-forward to the demo DNS server. */
class DigClusterCommandTest {

  @Test
  void asksTheClusterDnsThroughAPortForwardAndPrintsTheEquivalentCommands(@TempDir Path dir) throws Exception {
    try (var cluster = new DnsTestCluster(); var demo = DemoDnsServer.start("cluster.local")) {
      demo.follow(cluster.client);
      cluster.addService("default", "frontend", "10.3.0.119", Map.of("app", "frontend"));
      cluster.addDnsPod("coredns-a", "10.2.0.5", demo.address());
      Path kubeconfig = dir.resolve("config");
      Files.writeString(kubeconfig, """
          apiVersion: v1
          kind: Config
          clusters:
          - name: demo
            cluster:
              server: %s
          - name: elsewhere
            cluster:
              server: http://127.0.0.1:1
          contexts:
          - name: demo
            context:
              cluster: demo
              user: demo
          - name: elsewhere
            context:
              cluster: elsewhere
              user: demo
          current-context: elsewhere
          users:
          - name: demo
            user:
              token: secret-token-value
          """.formatted(cluster.client.getConfiguration().getMasterUrl()));
      org.awaitility.Awaitility.await().until(() -> !demo.records().at(
          org.xbill.DNS.Name.fromString("frontend.default.svc.cluster.local.")).isEmpty());

      // the current context points nowhere: only --context demo can answer
      var run = DigCommandTest.netdoctor(List.of("--cluster", "--timeout", "10", "--kubeconfig",
          kubeconfig.toString(), "--context", "demo", "frontend.default.svc.cluster.local"));

      assertThat(run.exit()).as(run.err()).isZero();
      // --kubeconfig was given and demo is not the current context: a pasted kubectl line needs both
      Matcher forward = Pattern.compile("kubectl --kubeconfig " + Pattern.quote(kubeconfig.toString())
          + " --context demo port-forward --namespace=kube-system --address=127.0.0.1 coredns-a (\\d+):53").matcher(run.err());
      assertThat(forward.find()).as(run.err()).isTrue();
      assertThat(run.err()).contains("dig +vc -p " + forward.group(1) + " @127.0.0.1 frontend.default.svc.cluster.local.")
          .doesNotContain("secret-token-value");
      assertThat(run.out()).contains(";; ANSWER SECTION:\nfrontend.default.svc.cluster.local. 30 IN A\t10.3.0.119\n")
          .contains(";; SERVER: 127.0.0.1#" + forward.group(1) + "(127.0.0.1) (TCP)");
      // The same answer as dig gives when asking the demo server directly (all but the SERVER line).
      List<String> dig = Dig.normalisedBlocks(Dig.run(List.of("+vc", "-p", Integer.toString(demo.address().getPort()),
          "@127.0.0.1", "frontend.default.svc.cluster.local")));
      assertThat(Dig.normalisedBlocks(run.out().replace("#" + forward.group(1) + "(",
          "#" + demo.address().getPort() + "("))).containsExactlyElementsOf(dig);
    }
  }

  @Test
  void aClusterWithoutKubeDnsIsAClearError(@TempDir Path dir) throws Exception {
    try (var cluster = new DnsTestCluster()) {
      Path kubeconfig = dir.resolve("config");
      Files.writeString(kubeconfig, """
          apiVersion: v1
          kind: Config
          clusters: [{name: demo, cluster: {server: %s}}]
          contexts: [{name: demo, context: {cluster: demo, user: demo}}]
          current-context: demo
          users: [{name: demo, user: {}}]
          """.formatted(cluster.client.getConfiguration().getMasterUrl()));
      var run = DigCommandTest.netdoctor(List.of("--cluster", "--kubeconfig", kubeconfig.toString(), "a.cluster.local"));
      assertThat(run.exit()).isEqualTo(DigCommand.NO_REPLY);
      assertThat(run.err().strip()).endsWith(
          "netdoctor: no DNS pod in the cluster (no pod labelled k8s-app=kube-dns in kube-system)");
    }
  }
}
