package io.netdoctor.core.policy;

import static io.netdoctor.core.policy.PolicyFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Matrix cells: Service traffic reaches a backend pod on its targetPort (kube-proxy DNATs before NetworkPolicy
 * applies, per the Service docs), so a cell is the verdicts to the Service's backends on their targetPorts.
 */
class ServiceReachTest {

  static final PolicyPod REDIS_2 = pod("default/redis-2", "app=redis,role=replica", "10.0.0.8",
      new PolicyPod.Port("redis", 6380, "TCP"));
  static final ServiceTarget REDIS_SVC = new ServiceTarget("default", "redis", "10.96.0.5", Map.of("app", "redis"),
      List.of(new ServiceTarget.Port("redis", 6379, "TCP", "redis")));
  /** Only the master may be reached by the debug shell's namespace. */
  static final NetworkPolicy MASTER_OPEN = policy("default/replica-local", sel("role=replica"),
      List.of(rule(peers(Peer.pods(Selector.ALL)))), List.of());

  ServiceReach reach(NetworkPolicy... policies) {
    return new ServiceReach(new PolicySet(List.of(policies), NAMESPACES),
        List.of(FRONTEND, REDIS, REDIS_2, DEBUG_SHELL, NO_IP));
  }

  @Test
  void aNamedTargetPortResolvesOnEachBackend() {
    var cell = reach().cell(FRONTEND, REDIS_SVC, REDIS_SVC.ports().get(0));

    assertThat(cell.state()).isEqualTo(ServiceReach.State.ALLOWED);
    // "redis" is 6379 on default/redis and 6380 on default/redis-2
    assertThat(cell.backends()).extracting(ServiceReach.Backend::port).containsExactlyInAnyOrder(6379, 6380);
    assertThat(cell.summary()).isEqualTo("all 2 backends allowed");
  }

  @Test
  void oneBackendIsolatedFromTheClientMakesTheCellPartly() {
    // replica-local admits pods of its own namespace only (podSelector {} alone): debug/shell is not one
    var cell = reach(MASTER_OPEN).cell(DEBUG_SHELL, REDIS_SVC, REDIS_SVC.ports().get(0));

    assertThat(cell.state()).isEqualTo(ServiceReach.State.PARTLY);
    assertThat(cell.summary()).isEqualTo("1 of 2 backends allowed");
    assertThat(cell.lines()).anyMatch(l -> l.startsWith("DENIED  debug/shell -> default/redis-2:6380/TCP"))
        .anyMatch(l -> l.startsWith("ALLOWED  debug/shell -> default/redis:6379/TCP"));
  }

  @Test
  void aServiceWithoutMatchingPodsHasNoBackends() {
    var typo = new ServiceTarget("default", "redis-typo", "10.96.0.6", Map.of("app", "redis-mastr"),
        List.of(new ServiceTarget.Port("", 6379, "TCP", "6379")));
    var external = new ServiceTarget("default", "external", "10.96.0.7", Map.of(),
        List.of(new ServiceTarget.Port("", 443, "TCP", "443")));

    assertThat(reach().cell(FRONTEND, typo, typo.ports().get(0)).summary()).isEqualTo("no pod matches the selector");
    assertThat(reach().cell(FRONTEND, external, external.ports().get(0)).summary())
        .isEqualTo("the Service has no selector");
  }

  @Test
  void aTargetPortNoBackendDeclaresIsSaid() {
    var metrics = new ServiceTarget("default", "redis-metrics", "10.96.0.8", Map.of("app", "redis"),
        List.of(new ServiceTarget.Port("m", 9121, "TCP", "exporter")));

    var cell = reach().cell(FRONTEND, metrics, metrics.ports().get(0));
    assertThat(cell.state()).isEqualTo(ServiceReach.State.NO_BACKENDS);
    assertThat(cell.summary()).isEqualTo("targetPort exporter is declared by no backend");
  }
}
