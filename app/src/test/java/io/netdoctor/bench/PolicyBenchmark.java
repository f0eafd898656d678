package io.netdoctor.bench;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.netdoctor.core.kube.PolicyObjects;
import io.netdoctor.core.policy.PolicyPod;
import io.netdoctor.core.policy.PolicySet;
import io.netdoctor.core.policy.ServiceReach;
import io.netdoctor.core.policy.ServiceTarget;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The reachability matrix's policy verdicts: 300 client pods × 60 Services (80 Service ports, 5 backends each) under
 * 150 NetworkPolicies of every kind (podSelector, namespaceSelector, both, ipBlock with except, named ports,
 * endPort, Egress). Each round converts the fabric8 policies, builds the snapshot and computes every cell, as the
 * matrix pane does on opening; target: all verdicts ≤ 1 s.
 */
public final class PolicyBenchmark {

  private static final java.lang.management.ThreadMXBean CPU =
      java.lang.management.ManagementFactory.getThreadMXBean();
  private static int PODS = 300;
  private static int SERVICES = 60;
  private static int POLICIES = 150;
  private static int NAMESPACES = 10;
  private static int WARMUP = 3;
  private static int REPEATS = 5;

  public static void main(String[] args) {
    if (Smoke.requested(args)) {
      PODS = 30;
      SERVICES = 2 * NAMESPACES; // at least one Service per namespace: pods(…) spreads them so
      POLICIES = 15;
      WARMUP = 0;
      REPEATS = 1;
    }
    var random = new Random(13);
    List<PolicyPod> pods = pods(random);
    List<ServiceTarget> services = services();
    List<NetworkPolicy> policies = policies(random);
    Map<String, Map<String, String>> namespaces = new HashMap<>();
    for (int n = 0; n < NAMESPACES; n++) {
      namespaces.put("ns-" + n, Map.of("team", "t" + (n % 3), "env", n % 2 == 0 ? "prod" : "dev"));
    }
    int ports = services.stream().mapToInt(s -> s.ports().size()).sum();
    System.out.printf("%d pods x %d Services (%d ports) under %d NetworkPolicies: %d cells%n", PODS, SERVICES, ports,
        POLICIES, PODS * ports);
    double[] rounds = new double[REPEATS];
    double[] cpus = new double[REPEATS];
    Map<ServiceReach.State, Integer> states = new EnumMap<>(ServiceReach.State.class);
    int verdicts = 0;
    for (int round = 0; round < WARMUP + REPEATS; round++) {
      System.gc();
      long start = System.nanoTime();
      long cpuStart = CPU.getCurrentThreadCpuTime();
      PolicySet set = new PolicySet(policies.stream().map(PolicyObjects::policy).toList(), namespaces);
      var reach = new ServiceReach(set, pods);
      states.clear();
      verdicts = 0;
      for (PolicyPod client : pods) {
        for (ServiceTarget service : services) {
          for (ServiceTarget.Port port : service.ports()) {
            ServiceReach.Cell cell = reach.cell(client, service, port);
            states.merge(cell.state(), 1, Integer::sum);
            verdicts += cell.backends().size();
          }
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpu = (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e9;
      if (round < WARMUP) {
        System.out.printf("warm-up round %d: %.3f s (CPU %.3f s)%n", round + 1, seconds, cpu);
      } else {
        rounds[round - WARMUP] = seconds;
        cpus[round - WARMUP] = cpu;
        System.out.printf("round %d: %.3f s (CPU %.3f s)%n", round - WARMUP + 1, seconds, cpu);
      }
    }
    double[] sorted = rounds.clone();
    Arrays.sort(sorted);
    System.out.printf("pod-to-pod verdicts per round: %d; cells: %s%n", verdicts, states);
    Arrays.sort(cpus);
    System.out.printf("all verdicts: median %.3f s, worst %.3f s (target <= 1 s); CPU median %.3f s; load average"
        + " %.1f%n", sorted[sorted.length / 2], sorted[sorted.length - 1], cpus[cpus.length / 2],
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.println(sorted[sorted.length / 2] <= 1.0 ? "median within the target" : "median OVER the target");
  }

  /** PODS pods over NAMESPACES namespaces: app=svc-K for the Services, a role, a pod IP, named ports. */
  private static List<PolicyPod> pods(Random random) {
    var pods = new ArrayList<PolicyPod>();
    String[] roles = {"web", "api", "db", "cache", "batch"};
    for (int i = 0; i < PODS; i++) {
      int ns = i % NAMESPACES;
      int service = (i / NAMESPACES) % (SERVICES / NAMESPACES) * NAMESPACES + ns;
      var labels = Map.of("app", "svc-" + service, "role", roles[random.nextInt(roles.length)],
          "tier", random.nextBoolean() ? "frontend" : "backend");
      pods.add(new PolicyPod("ns-" + ns, "pod-" + i, labels, "10.8." + (i / 250) + "." + (i % 250 + 1),
          List.of(new PolicyPod.Port("http", 8080, "TCP"), new PolicyPod.Port("metrics", 9090, "TCP"),
              new PolicyPod.Port("dns", 53, "UDP"))));
    }
    return pods;
  }

  /** SERVICES Services, svc-K in ns-(K mod NAMESPACES); every third has a second port (metrics, by name). */
  private static List<ServiceTarget> services() {
    var services = new ArrayList<ServiceTarget>();
    for (int k = 0; k < SERVICES; k++) {
      var ports = new ArrayList<ServiceTarget.Port>();
      ports.add(new ServiceTarget.Port("http", 80, "TCP", "http"));
      if (k % 3 == 0) {
        ports.add(new ServiceTarget.Port("metrics", 9090, "TCP", "9090"));
      }
      services.add(new ServiceTarget("ns-" + (k % NAMESPACES), "svc-" + k, "10.96.0." + (k + 1),
          Map.of("app", "svc-" + k), ports));
    }
    return services;
  }

  /** POLICIES policies of mixed kinds, as fabric8 objects (converted in each round, as a listing is). */
  private static List<NetworkPolicy> policies(Random random) {
    var policies = new ArrayList<NetworkPolicy>();
    String[] roles = {"web", "api", "db", "cache", "batch"};
    for (int i = 0; i < POLICIES; i++) {
      String ns = "ns-" + (i % NAMESPACES);
      var selected = new LabelSelectorBuilder().addToMatchLabels("role", roles[random.nextInt(roles.length)]).build();
      NetworkPolicyPeer peer = switch (i % 5) {
        case 0 -> new NetworkPolicyPeerBuilder().withNewPodSelector().addToMatchLabels("tier", "frontend")
            .endPodSelector().build();
        case 1 -> new NetworkPolicyPeerBuilder().withNewNamespaceSelector().addToMatchLabels("env", "prod")
            .endNamespaceSelector().build();
        case 2 -> new NetworkPolicyPeerBuilder().withNewNamespaceSelector().addToMatchLabels("team", "t1")
            .endNamespaceSelector().withNewPodSelector().addNewMatchExpression().withKey("role").withOperator("In")
            .withValues("web", "api").endMatchExpression().endPodSelector().build();
        case 3 -> new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr("10.8.0.0/16")
            .withExcept("10.8." + random.nextInt(2) + ".0/25").endIpBlock().build();
        default -> new NetworkPolicyPeerBuilder().withNewPodSelector().addNewMatchExpression().withKey("role")
            .withOperator("NotIn").withValues("batch").endMatchExpression().endPodSelector().build();
      };
      var port = i % 4 == 0 ? new NetworkPolicyPortBuilder().withProtocol("TCP").withPort(new IntOrString("http")).build()
          : i % 4 == 1 ? new NetworkPolicyPortBuilder().withPort(new IntOrString(8000)).withEndPort(8100).build()
          : new NetworkPolicyPortBuilder().withPort(new IntOrString(9090)).build();
      var spec = new NetworkPolicyBuilder().withNewMetadata().withNamespace(ns).withName("policy-" + i).endMetadata()
          .withNewSpec().withPodSelector(selected)
          .addNewIngress().withFrom(peer).withPorts(port).endIngress();
      if (i % 6 == 0) {
        spec = spec.withPolicyTypes("Ingress", "Egress").addNewEgress().addNewTo().withNewNamespaceSelector()
            .endNamespaceSelector().endTo().endEgress();
      }
      policies.add(spec.endSpec().build());
    }
    return policies;
  }
}
