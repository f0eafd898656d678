package io.netdoctor.core.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.netdoctor.core.command.Command;
import io.netdoctor.core.kube.PodRef;
import io.netdoctor.core.node.NodeAccessException;
import io.netdoctor.core.transcript.TranscriptEntry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The node-level API route: node debug pods as `kubectl debug node/NAME --profile=sysadmin` makes them. */
class NodeDebugPodsTest {

  private ApiLab lab;
  private final List<String> progress = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    lab = new ApiLab();
  }

  @AfterEach
  void stop() {
    lab.close();
  }

  private List<Pod> debugPods() {
    return lab.cluster.client().pods().inAnyNamespace().withLabel("app.kubernetes.io/managed-by", "netdoctor")
        .list().getItems();
  }

  @Test
  void thePodIsKubectlsSysadminProfilePinnedToTheNode() {
    try (var pods = new NodeDebugPods(lab.api(), ApiSettings.DEFAULT);
        var lease = pods.open("node-1", progress::add)) {
      Pod pod = lab.cluster.client().pods().inNamespace("default").withName(lease.pod().ref().name()).get();
      assertThat(pod.getMetadata().getName()).matches("node-debugger-node-1-[bcdfghjklmnpqrstvwxz2456789]{5}");
      var spec = pod.getSpec();
      assertThat(spec.getNodeName()).isEqualTo("node-1");
      assertThat(spec.getHostNetwork()).isTrue();
      assertThat(spec.getHostPID()).isTrue();
      assertThat(spec.getHostIPC()).isTrue();
      assertThat(spec.getRestartPolicy()).isEqualTo("Never");
      assertThat(spec.getTolerations()).singleElement().satisfies(t -> {
        assertThat(t.getOperator()).isEqualTo("Exists");
        assertThat(t.getKey()).isNull();
      });
      var c = spec.getContainers().get(0);
      assertThat(c.getImage()).isEqualTo("nicolaka/netshoot");
      assertThat(c.getSecurityContext().getPrivileged()).isTrue();
      assertThat(c.getVolumeMounts()).singleElement().satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/host"));
      assertThat(spec.getVolumes()).singleElement().satisfies(v -> assertThat(v.getHostPath().getPath()).isEqualTo("/"));
      assertThat(pod.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "netdoctor");
      assertThat(lease.pod().exec().run(Command.of("echo", "on the node"), Duration.ofSeconds(30)).stdout())
          .isEqualTo("on the node\n");
      assertThat(lab.reviews).containsExactly("create pods default", "create pods/exec default", "delete pods default");
      assertThat(lab.transcript.entries()).extracting(TranscriptEntry::text)
          .contains("kubectl --context mock debug node/node-1 -it --image=nicolaka/netshoot --profile=sysadmin");
    }
  }

  @Test
  void theLastUserClosingDeletesThePodAndClosingAllDeletesTheRest() {
    try (var pods = new NodeDebugPods(lab.api(), ApiSettings.DEFAULT)) {
      var first = pods.open("node-1", progress::add);
      var second = pods.open("node-1", progress::add);
      assertThat(second.pod()).isSameAs(first.pod());
      first.close();
      assertThat(debugPods()).hasSize(1);
      second.close();
      assertThat(debugPods()).isEmpty();
      assertThat(lab.transcript.entries()).extracting(TranscriptEntry::text)
          .contains("kubectl --context mock delete pod " + first.pod().ref().name() + " -n default");
      pods.open("node-2", progress::add);
      assertThat(debugPods()).hasSize(1);
    }
    assertThat(debugPods()).isEmpty();
  }

  @Test
  void leftoversAreFoundByLabelAndDeletedOnRequest() {
    var crashed = new NodeDebugPods(lab.api(), ApiSettings.DEFAULT);
    PodRef left = crashed.open("node-1", progress::add).pod().ref(); // never closed: a crash
    lab.cluster.createPod("default", "redis-0", "Running", "docker://" + "a".repeat(64));
    try (var pods = new NodeDebugPods(lab.api(), ApiSettings.DEFAULT)) {
      var mine = pods.open("node-2", progress::add);
      assertThat(pods.leftovers()).containsExactly(left);
      pods.deleteLeftovers(pods.leftovers());
      assertThat(debugPods()).extracting(p -> p.getMetadata().getName()).containsExactly(mine.pod().ref().name());
      assertThat(lab.cluster.client().pods().inNamespace("default").withName("redis-0").get()).isNotNull();
    }
  }

  @Test
  void podSecurityAdmissionIsOneLineNamingTheEnforceLevel() {
    lab.enforce.put("default", "baseline");
    lab.cluster.client().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
        .withNewMetadata().withName("default").addToLabels("pod-security.kubernetes.io/enforce", "baseline")
        .endMetadata().build()).create();
    try (var pods = new NodeDebugPods(lab.api(), ApiSettings.DEFAULT)) {
      assertThatThrownBy(() -> pods.open("node-1", progress::add))
          .isInstanceOf(NodeAccessException.class)
          .hasMessageStartingWith("Pod Security Admission rejected the node debug pod in namespace default (enforce"
              + " level: baseline): host namespaces (hostNetwork=true, hostPID=true, hostIPC=true)")
          .hasMessageEndingWith("Choose a debug namespace that allows privileged pods"
              + " (pod-security.kubernetes.io/enforce=privileged).");
      assertThat(pods.open()).isZero();
    }
  }

  @Test
  void aMissingPermissionNamesVerbAndResourceBeforeAnythingIsCreated() {
    lab.denied.add("delete pods kube-debug");
    var settings = new ApiSettings(null, null, "kube-debug", Duration.ofSeconds(30));
    try (var pods = new NodeDebugPods(lab.api(), settings)) {
      assertThatThrownBy(() -> pods.open("node-1", progress::add))
          .isInstanceOf(NodeAccessException.class)
          .hasMessageStartingWith("Not allowed to delete pods in namespace kube-debug");
    }
    assertThat(debugPods()).isEmpty();
  }

  @Test
  void aPodThatCannotStartIsDeletedAndItsReasonShown() {
    lab.kubelet = name -> ApiLab.waiting("ErrImagePull", "pull access denied for nicolaka/netshoot");
    try (var pods = new NodeDebugPods(lab.api(), ApiSettings.DEFAULT)) {
      assertThatThrownBy(() -> pods.open("node-1", progress::add))
          .hasMessageContaining("cannot start: ErrImagePull (pull access denied for nicolaka/netshoot)");
    }
    assertThat(debugPods()).isEmpty();
  }

  @Test
  void aNodeWhosePodIsSlowToStartHoldsUpNoOtherNode() throws Exception {
    lab.slowPod = name -> name.startsWith("node-debugger-node-slow-");
    try (var pods = new NodeDebugPods(lab.api(), ApiSettings.DEFAULT)) {
      var slow = java.util.concurrent.CompletableFuture.supplyAsync(() -> pods.open("node-slow", progress::add));
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
          .until(() -> debugPods().stream().anyMatch(p -> p.getSpec().getNodeName().equals("node-slow")));
      // node-slow's pod is still ContainerCreating: another node's pod is made and used meanwhile
      var other = java.util.concurrent.CompletableFuture.supplyAsync(() -> pods.open("node-2", progress::add));
      try (var lease = other.get(30, java.util.concurrent.TimeUnit.SECONDS)) {
        assertThat(lease.pod().node()).isEqualTo("node-2");
        assertThat(slow).isNotDone();
      }
      lab.slowPod = name -> false;
      try (var lease = slow.get(30, java.util.concurrent.TimeUnit.SECONDS)) {
        assertThat(lease.pod().node()).isEqualTo("node-slow");
      }
    }
    assertThat(debugPods()).isEmpty();
  }
}
