package io.netdoctor.demo.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.netdoctor.core.command.Command;
import io.netdoctor.core.dns.CheckItem;
import io.netdoctor.core.dns.ClusterDns;
import io.netdoctor.core.dns.DnsChecklist;
import io.netdoctor.core.dns.DnsQueryException;
import io.netdoctor.core.kube.KubeObjects;
import io.netdoctor.core.kube.PodRef;
import io.netdoctor.core.kube.PolicyObjects;
import io.netdoctor.core.lab.Lab;
import io.netdoctor.core.lab.LabCatalog;
import io.netdoctor.core.lab.ObjectRef;
import io.netdoctor.core.node.HostKeyTrust;
import io.netdoctor.core.node.NodeSessions;
import io.netdoctor.core.node.NodeTarget;
import io.netdoctor.core.node.NodeTargets;
import io.netdoctor.core.node.SshConfigFile;
import io.netdoctor.core.policy.PolicyPod;
import io.netdoctor.core.service.CheckStep;
import io.netdoctor.core.service.ServiceCheck;
import io.netdoctor.core.service.ServiceLookup;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.core.transcript.TranscriptEntry;
import io.netdoctor.demo.DemoCluster;
import io.netdoctor.demo.DemoWorld;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each built-in lab on the real demo cluster: healthy, the app's own check passes; injected, the same check shows
 * the symptom; the right answer is accepted and a wrong one refused (or the fix verified); reset, the world is
 * exactly as before (every object compared) and the check passes again.
 */
class BuiltInLabsTest {

  static final String FRONTEND = "frontend-88237173-5p257";
  static final String REDIS_POD = "redis-master-343230949-2a4jm";
  static DemoCluster demo;
  static final LabCatalog CATALOG = LabCatalog.builtIn();
  final Transcript transcript = new Transcript();

  @BeforeAll
  static void start() {
    demo = DemoCluster.start(Duration.ZERO);
  }

  @AfterAll
  static void stop() {
    if (demo != null) {
      demo.close();
    }
  }

  /** Injects, runs {@code whileBroken}, answers, resets, and checks that the world is as before. */
  private LabSession run(String name, Runnable whileBroken) {
    Lab lab = CATALOG.find(name).orElseThrow();
    Map<ObjectRef, Map<String, Object>> before = LabSession.snapshot(demo);
    LabSession session = LabSession.inject(demo, lab, transcript, List.of());
    try {
      whileBroken.run();
      var q = lab.question();
      String wrongObject = q.objects().stream().filter(o -> !o.equals(q.object())).findFirst().orElseThrow();
      String wrongCause = q.causes().stream().filter(c -> !c.equals(q.cause())).findFirst().orElseThrow();
      assertThat(session.answer(wrongObject, q.cause()).right()).isFalse();
      assertThat(session.answer(q.object(), wrongCause).right()).isFalse();
      assertThat(session.answer(q.object(), q.cause()).right()).isTrue();
    } finally {
      session.reset();
    }
    assertThat(LabSession.snapshot(demo)).isEqualTo(before);
    assertThat(demo.dns().faults().all()).isEmpty();
    assertThat(demo.nodes().orElseThrow().traffic().unansweredSyns()).isEmpty();
    return session;
  }

  private static final Duration LOADED_MACHINE = Duration.ofSeconds(15);

  private List<CheckItem> dnsChecklist(String name, PodRef pod) {
    ClusterDns lookup;
    try {
      // the app's 5 s per query is for people; a loaded test machine needs longer (CI once timed out here)
      lookup = ClusterDns.open(demo.client(), transcript, new ClusterDns.Options("cluster.local", LOADED_MACHINE));
    } catch (DnsQueryException e) {
      lookup = null; // the checklist says why
    }
    try {
      return new DnsChecklist(demo.client(), lookup, "cluster.local", transcript).run(name, pod);
    } finally {
      if (lookup != null) {
        lookup.close();
      }
    }
  }

  private static List<String> failed(List<CheckItem> items) {
    return items.stream().filter(i -> i.outcome() == CheckItem.Outcome.FAIL).map(i -> i.title() + ": " + i.evidence())
        .toList();
  }

  private List<String> serviceCheckFailures() {
    var check = new ServiceLookup(demo.client(), transcript, List.of()).check(null, "cluster.local");
    return check.run(new ServiceCheck.Request("default", "redis-master", new PodRef("default", FRONTEND)), s -> { },
        () -> false).stream().filter(s -> s.outcome() == CheckStep.Outcome.FAIL).map(s -> s.title() + ": " + s.evidence())
        .toList();
  }

  @Test
  void kubeDnsWithoutReadyEndpointsFailsTheDnsChecklist() {
    assertThat(failed(dnsChecklist(null, null))).isEmpty();
    run("kube-dns-not-ready", () -> assertThat(failed(dnsChecklist(null, null)))
        .anyMatch(f -> f.startsWith("DNS pods exist and are Ready: 0 of 1 DNS pod Ready"))
        .anyMatch(f -> f.startsWith("The kube-dns Service has endpoints that match the DNS pods: the kube-dns Service"
            + " has no endpoints")));
    assertThat(failed(dnsChecklist(null, null))).isEmpty();
  }

  @Test
  void servfailForOneZoneFailsTheChecklistForThatZoneOnly() {
    run("dns-servfail-zone", () -> {
      var items = dnsChecklist("kube-dns.kube-system.svc.cluster.local", null);
      assertThat(failed(items)).singleElement().asString()
          .startsWith("kubernetes.default.svc.cluster.local resolves: SERVFAIL");
    });
    assertThat(failed(dnsChecklist(null, null))).isEmpty();
  }

  @Test
  void aSelectorTypoFailsTheServiceCheckAndItsFixIsVerified() {
    assertThat(serviceCheckFailures()).isEmpty();
    LabSession session = run("selector-typo", () -> assertThat(serviceCheckFailures()).isNotEmpty()
        .anyMatch(f -> f.contains("mastr") || f.toLowerCase().contains("endpoint")));
    assertThat(session.active()).isFalse();
    // the fix path, in a second round: refused before the fix, verified after it, then reset
    LabSession again = LabSession.inject(demo, CATALOG.find("selector-typo").orElseThrow(), transcript, List.of());
    try {
      assertThat(again.verify().right()).isFalse();
      assertThat(again.verify().message()).isEqualTo(
          "Not fixed yet: Service default/redis-master spec.selector.role is mastr, expected master.");
      assertThat(again.applyFix().right()).isTrue();
      assertThat(serviceCheckFailures()).isEmpty();
    } finally {
      again.reset();
    }
  }

  @Test
  void aWrongTargetPortFailsTheServiceCheckAndItsFixIsVerified() {
    var before = LabSession.snapshot(demo);
    run("wrong-target-port", () -> assertThat(serviceCheckFailures()).isNotEmpty()
        .anyMatch(f -> f.contains("8080")));
    LabSession again = LabSession.inject(demo, CATALOG.find("wrong-target-port").orElseThrow(), transcript, List.of());
    try {
      assertThat(again.verify().message()).isEqualTo(
          "Not fixed yet: Service default/redis-master spec.ports[0].targetPort is 8080, expected 6379.");
      assertThat(again.applyFix().message()).isEqualTo("Fixed: Service default/redis-master spec.ports[0].targetPort = 6379.");
    } finally {
      again.reset();
    }
    assertThat(LabSession.snapshot(demo)).isEqualTo(before);
    // every change was written as the kubectl line that makes it
    assertThat(transcript.entries()).extracting(TranscriptEntry::text).contains(
        "kubectl patch service redis-master --namespace=default --type json -p "
            + "'[{\"op\":\"replace\",\"path\":\"/spec/ports/0/targetPort\",\"value\":8080}]'");
  }

  private io.netdoctor.core.policy.Verdict frontendToRedis() {
    var pods = demo.client().pods().inAnyNamespace().list().getItems().stream().map(KubeObjects::pod)
        .map(PolicyObjects::pod).toList();
    PolicyPod from = pods.stream().filter(p -> p.key().equals("default/" + FRONTEND)).findFirst().orElseThrow();
    PolicyPod to = pods.stream().filter(p -> p.key().equals("default/" + REDIS_POD)).findFirst().orElseThrow();
    return PolicyObjects.listAll(demo.client()).verdict(from, to, 6379, "TCP");
  }

  @Test
  void aDefaultDenyPolicyMakesTheVerdictDenied() {
    assertThat(frontendToRedis().allowed()).isTrue();
    run("default-deny", () -> {
      var verdict = frontendToRedis();
      assertThat(verdict.allowed()).isFalse();
      assertThat(verdict.word()).isEqualTo("DENIED");
      assertThat(verdict.egress().policies()).contains("default/default-deny-all");
    });
    assertThat(frontendToRedis().allowed()).isTrue();
    // the fix path: the verdict stays DENIED until the fix, which keeps the default deny and allows what is needed
    LabSession again = LabSession.inject(demo, CATALOG.find("default-deny").orElseThrow(), transcript, List.of());
    try {
      assertThat(again.verify().message()).startsWith("Not fixed yet: default/" + FRONTEND + " -> default/" + REDIS_POD
          + ":6379/TCP is DENIED, expected ALLOWED (egress from default/" + FRONTEND
          + ": DENIED — selected by default/default-deny-all; no rule allows it).");
      assertThat(again.applyFix().right()).isTrue();
      // pressed a second time: nothing to apply, no conflict
      assertThat(again.applyFix().message()).startsWith("Already fixed: default/app=guestbook,tier=frontend -> "
          + "default/app=redis,role=master:6379/TCP ALLOWED;");
      var verdict = frontendToRedis();
      assertThat(verdict.allowed()).isTrue();
      assertThat(verdict.egress().policies()).contains("default/default-deny-all"); // still in place, now with allows
      assertThat(demo.client().network().v1().networkPolicies().inNamespace("default").withName("default-deny-all")
          .get()).isNotNull();
    } finally {
      again.reset();
    }
    assertThat(demo.client().network().v1().networkPolicies().inNamespace("default").list().getItems())
        .extracting(p -> p.getMetadata().getName()).containsExactly("redis-deny-debug");
    // fixed by hand (kubectl delete networkpolicy default-deny-all): the verification accepts it too
    LabSession byHand = LabSession.inject(demo, CATALOG.find("default-deny").orElseThrow(), transcript, List.of());
    try {
      demo.client().network().v1().networkPolicies().inNamespace("default").withName("default-deny-all").delete();
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> byHand.verify().right());
      assertThat(transcript.entries()).extracting(TranscriptEntry::text)
          .contains("kubectl get pods --namespace=default --show-labels -o wide --selector=app=guestbook,tier=frontend");
    } finally {
      byHand.reset();
    }
    assertThat(frontendToRedis().allowed()).isTrue();
  }

  /** The labs this class works through, each in its own test: a built-in lab added without a test here fails. */
  static final List<String> COVERED = List.of("kube-dns-not-ready", "dns-servfail-zone", "selector-typo",
      "wrong-target-port", "default-deny", "readiness-probe", "ndots-search-path", "docker0-no-reply");

  @Test
  void everyBuiltInLabHasItsTestAndEveryFixActionIsVerifiedThenReset() {
    assertThat(CATALOG.labs()).extracting(Lab::name).containsExactlyInAnyOrderElementsOf(COVERED);
    var withFix = CATALOG.labs().stream().filter(l -> l.verification() != null).toList();
    assertThat(withFix).extracting(Lab::name).contains("selector-typo", "wrong-target-port", "default-deny");
    for (Lab lab : withFix) {
      var before = LabSession.snapshot(demo);
      LabSession session = LabSession.inject(demo, lab, transcript, List.of());
      try {
        assertThat(session.verify().right()).as(lab.name() + " verified before its fix").isFalse();
        assertThat(session.applyFix().right()).as(lab.name() + " verified after its fix").isTrue();
      } finally {
        session.reset();
      }
      assertThat(LabSession.snapshot(demo)).as(lab.name() + " reset").isEqualTo(before);
    }
  }

  @Test
  void aPodFailingItsReadinessProbeLeavesTheServiceWithoutEndpoints() {
    run("readiness-probe", () -> {
      assertThat(serviceCheckFailures()).isNotEmpty();
      var pod = KubeObjects.pod(demo.client().pods().inNamespace("default").withName(REDIS_POD).get());
      assertThat(pod.readyContainers()).isZero();
      assertThat(demo.client().endpoints().inNamespace("default").withName("redis-master").get().getSubsets().get(0)
          .getAddresses()).isNullOrEmpty();
    });
    assertThat(serviceCheckFailures()).isEmpty();
  }

  @Test
  void ndotsFiveTriesTheSearchPathFirstWithSlowMisses() {
    run("ndots-search-path", () -> {
      var items = dnsChecklist("api.payments.example.com", new PodRef("default", FRONTEND));
      CheckItem fromPod = items.get(items.size() - 1);
      assertThat(fromPod.passed()).isTrue();
      // Kubernetes' ClusterFirst resolv.conf: search NS.svc.cluster.local svc.cluster.local cluster.local, ndots:5
      assertThat(fromPod.details()).containsSubsequence(
          "api.payments.example.com.default.svc.cluster.local.  NXDOMAIN",
          "api.payments.example.com.svc.cluster.local.  NXDOMAIN",
          "api.payments.example.com.cluster.local.  NXDOMAIN",
          "api.payments.example.com.  NOERROR  203.0.113.10");
      assertThat(fromPod.details().get(0)).endsWith("ndots:5");
      // the misses are slow: the transcript shows each query; the answer itself is not held back
      long start = System.nanoTime();
      dnsChecklist("api.payments.example.com", new PodRef("default", FRONTEND));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(3 * 400));
    });
  }

  @Test
  void docker0SynsGoUnansweredInADemoCapture(@TempDir Path temp) {
    var nodes = demo.nodes().orElseThrow();
    nodes.traffic().rate(200);
    try (var sessions = new NodeSessions(NodeSessions.Settings.DEFAULT.withAgent(null),
        new HostKeyTrust(temp.resolve("known_hosts"), false), key -> true, new Transcript())) {
      var targets = new NodeTargets(SshConfigFile.load(nodes.sshConfig()), NodeTarget.Override.NONE);
      NodeTarget target = targets.resolve(KubeObjects.node(demo.client().nodes().withName(DemoWorld.COREOS_NODE).get()));
      Command capture = Command.of("toolbox", "tcpdump", "-nn", "-i", "docker0", "-c", "60", "tcp");
      assertThat(sessions.run(target, capture, Duration.ofSeconds(60)).stdout()).contains("Flags [S.]");
      run("docker0-no-reply", () -> {
        String out = sessions.run(target, capture, Duration.ofSeconds(60)).stdout();
        assertThat(out.lines().filter(l -> l.contains("Flags [S],"))).hasSizeGreaterThanOrEqualTo(20);
        assertThat(out).doesNotContain("Flags [S.]");
      });
      assertThat(sessions.run(target, capture, Duration.ofSeconds(60)).stdout()).contains("Flags [S.]");
    } finally {
      nodes.traffic().rate(io.netdoctor.demo.node.DemoTraffic.DEFAULT_RATE);
    }
  }
}
