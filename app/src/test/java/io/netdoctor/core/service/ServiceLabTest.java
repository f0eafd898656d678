package io.netdoctor.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.netdoctor.core.kube.MockCluster;
import io.netdoctor.core.node.NodeLab;
import io.netdoctor.core.node.RealSystem;
import io.netdoctor.support.NodeLabTools;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The live step "the targetPort listens inside a backend pod" over a real sshd into a real network namespace
 * (the node lab) where a real `nc -lk 6379` listens; the verdicts come from nc run by hand in that namespace.
 */
@NodeLabTools
class ServiceLabTest {

  static NodeLab lab;
  static MockCluster api;

  @BeforeAll
  static void start() throws IOException {
    lab = new NodeLab();
    api = MockCluster.start();
    lab.seedCluster(api.client(), "127.0.0.1", 6379);
    for (int target : List.of(6379, 8080)) {
      api.client().services().inNamespace("default").resource(new ServiceBuilder().withNewMetadata()
          .withName("redis-" + target).withNamespace("default").endMetadata().withNewSpec().withClusterIP("10.96.0.9")
          .withSelector(Map.of("app", "redis")).addNewPort().withName("redis").withPort(6379).withProtocol("TCP")
          .withTargetPort(new IntOrString(target)).endPort().endSpec().build()).create();
    }
  }

  @AfterAll
  static void stop() throws IOException {
    if (api != null) {
      api.close();
    }
    if (lab != null) {
      lab.close();
    }
  }

  static String oracle(int port) {
    return RealSystem.exec("ip", "netns", "exec", lab.redis.netns(), "nc", "-z", "-w", "2", "localhost",
        String.valueOf(port)).status() == 0 ? "PASS" : "FAIL";
  }

  static CheckStep listens(String service) {
    var lookup = new ServiceLookup(api.client(), lab.transcript(), List.of());
    var route = new SshNodeRoute(lab.sessions(), n -> lab.server.target("root"), lookup::node, lab.transcript());
    return new ServiceCheck(lookup, route, null, "cluster.local", lab.transcript())
        .run(new ServiceCheck.Request("default", service, null), s -> { }, () -> false).get(5);
  }

  @Test
  void theTargetPortListensWhereNcSaysItDoes() {
    CheckStep open = listens("redis-6379");
    assertThat(open.outcome().name()).isEqualTo(oracle(6379)).isEqualTo("PASS");
    assertThat(open.commands()).anyMatch(c -> c.matches("nsenter -n -t [0-9]+ nc -v -z -w 2 localhost 6379"));

    CheckStep refused = listens("redis-8080");
    assertThat(refused.outcome().name()).isEqualTo(oracle(8080)).isEqualTo("FAIL");
    assertThat(refused.evidence()).isEqualTo("Service default/redis-8080: targetPort 8080 refused inside"
        + " pod default/redis-slave-1691881626-d3aft");
  }
}
