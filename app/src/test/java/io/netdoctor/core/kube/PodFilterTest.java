package io.netdoctor.core.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodFilterTest {

  private static PodInfo pod(String ns, String name, Map<String, String> labels, String node) {
    var container = new ContainerInfo("redis", "redis:7", ContainerId.parse("docker://7236796e4f380a081d4c"),
        List.of(), 0, true, "Running", "", false);
    return new PodInfo(ns + name, ns, name, "Running", "Running", 1, 1, 0, node, "10.2.47.4", "172.17.4.101",
        labels, List.of(container), List.of(), null, false);
  }

  private final PodInfo slave = pod("default", "redis-slave-1", Map.of("app", "redis", "role", "slave"), "node-a");
  private final PodInfo web = pod("web", "frontend-1", Map.of("app", "guestbook", "tier", "frontend"), "node-b");

  @Test
  void nameFragmentsMatchPodNamespaceNodeAndContainer() {
    assertThat(PodFilter.parse("SLAVE").matches(slave)).isTrue();
    assertThat(PodFilter.parse("slave").matches(web)).isFalse();
    assertThat(PodFilter.parse("node-b").matches(web)).isTrue();
    assertThat(PodFilter.parse("7236796e").matches(slave)).isTrue();
    assertThat(PodFilter.parse("  ").isEmpty()).isTrue();
  }

  @Test
  void theSearchTextMatchesAsTheFieldsDo() {
    var noIp = new PodInfo("uid-x", "kube-system", "coredns-5d78c9869d-x8r7t", "Pending", "Pending", 0, 1, 0, "", "", "",
        Map.of("k8s-app", "kube-dns"), List.of(new ContainerInfo("coredns", "coredns:1.11", null, List.of(), 0, false,
        "Waiting", "", false)), List.of(), null, false);
    for (PodInfo pod : List.of(slave, web, noIp)) {
      byte[] text = PodFilter.searchText(pod);
      for (String typed : List.of("SLAVE", "slave", "node-b", "7236796e", "96E4F38", "4f380", "0a081d4c", "FRONTEND-1",
          "10.2.47", "Redis-Slave-12", "redis", "default", "coredns", "kube-system", "x8r7t", "1-node", "4\nnode",
          "app=redis", "-l tier", "172.17", "redis:7")) {
        PodFilter filter = PodFilter.parse(typed);
        assertThat(filter.matches(pod, text)).as("%s in %s", typed, pod.name()).isEqualTo(filter.matches(pod));
      }
    }
    assertThat(PodFilter.parse("slave-1\ndefault").matches(slave, PodFilter.searchText(slave)))
        .as("a fragment never spans two fields").isFalse();
    assertThat(PodFilter.parse("x8r7t").matches(noIp, PodFilter.searchText(noIp))).isTrue();
  }

  @Test
  void aTextIsFoundWhereverItStandsInAnArrayOfTextsAndNeverBeyondItsOwnBytes() {
    // texts end to end as the tree keeps them; a fragment at every place of its text, in every byte of a word
    for (String fragment : List.of("a", "ab", "aab", "auth-005", "x8r7t-long-fragment")) {
      var filter = PodFilter.parse(fragment);
      for (int before = 0; before < 20; before++) {
        for (int after = 0; after < 12; after++) {
          String text = "a".repeat(before % 3) + "b".repeat(before) + fragment + "\n" + "c".repeat(after);
          byte[] texts = ("aab" + text + fragment).getBytes(StandardCharsets.UTF_8);
          int length = text.length();
          assertThat(filter.matchesText(texts, 3, length)).as("%s in %s", fragment, text).isTrue();
          // the same text without the fragment, between neighbours that have it
          String without = text.replace(fragment, "-".repeat(fragment.length()));
          byte[] neighbours = (fragment + without + fragment).getBytes(StandardCharsets.UTF_8);
          assertThat(filter.matchesText(neighbours, fragment.length(), length))
              .as("%s not in %s", fragment, without).isEqualTo(without.contains(fragment));
        }
      }
    }
  }

  @Test
  void whatMatchesAPodsNodeNameMatchesThePod() {
    // the tree's background match relies on it: a node shown by its name shows its pods through their own match
    var pod = pod("shop", "cart-1", Map.of("app", "cart"), "Edge-Worker-7");
    for (String text : List.of("edge", "WORKER-7", "r-7", "app=cart", "app=web", "nowhere")) {
      var filter = PodFilter.parse(text);
      if (filter.matchesNodeName(pod.node())) {
        assertThat(filter.matches(pod)).as(text).isTrue();
        assertThat(filter.matches(pod, PodFilter.searchText(pod))).as(text).isTrue();
      }
    }
    assertThat(PodFilter.parse("worker-7").matchesNodeName(pod.node())).isTrue();
    assertThat(PodFilter.parse("app=cart").matchesNodeName(pod.node())).isFalse();
  }

  @Test
  void aContainerMatchesByItsShortIdOnlyAndAnyFieldInAnyCase() {
    // docker://7236796e4f380a081d4c: the short ID is its first 12 characters, 7236796e4f38
    assertThat(PodFilter.parse("96E4F38").matches(slave)).isTrue();
    assertThat(PodFilter.parse("4f380").matches(slave)).as("runs past the short ID").isFalse();
    assertThat(PodFilter.parse("0a081d4c").matches(slave)).isFalse();
    assertThat(PodFilter.parse("FRONTEND-1").matches(web)).isTrue();
    assertThat(PodFilter.parse("10.2.47").matches(web)).isTrue();
    assertThat(PodFilter.parse("Redis-Slave-12").matches(slave)).isFalse();
  }

  @Test
  void labelSelectorsFollowKubectlSemantics() {
    assertThat(PodFilter.parse("app=redis").matches(slave)).isTrue();
    assertThat(PodFilter.parse("app=redis").matches(web)).isFalse();
    assertThat(PodFilter.parse("app==redis,role!=master").matches(slave)).isTrue();
    assertThat(PodFilter.parse("app!=redis").matches(web)).isTrue();
    assertThat(PodFilter.parse("app in (redis, guestbook),tier=frontend").matches(web)).isTrue();
    assertThat(PodFilter.parse("app in (redis, guestbook),tier=frontend").matches(slave)).isFalse();
    assertThat(PodFilter.parse("tier notin (frontend)").matches(slave)).isTrue();
    assertThat(PodFilter.parse("role=slave,!tier").matches(slave)).isTrue();
    assertThat(PodFilter.parse("app=redis").isSelector()).isTrue();
  }

  @Test
  void anUnreadableSelectorSaysWhichPart() {
    assertThatThrownBy(() -> PodFilter.parse("app=redis,=oops"))
        .isInstanceOf(InvalidSelectorException.class).hasMessageContaining("found '=' after ','");
  }

  @Test
  void aSelectorOperatorMakesASelectorAndDashLMakesABareKeyOne() {
    // the README's example: no pod has "canary", so both pods show
    assertThat(PodFilter.parse("!canary").isSelector()).isTrue();
    assertThat(PodFilter.parse("!canary").matches(slave)).isTrue();
    assertThat(PodFilter.parse("!canary").matches(web)).isTrue();
    assertThat(PodFilter.parse("!tier").matches(slave)).isTrue();
    assertThat(PodFilter.parse("!tier").matches(web)).isFalse();
    assertThat(PodFilter.parse("role").isSelector()).isFalse();
    assertThat(PodFilter.parse("-l role").matches(slave)).isTrue();
    assertThat(PodFilter.parse("-l role").matches(web)).isFalse();
    assertThat(PodFilter.parse("--selector=tier").matches(web)).isTrue();
    assertThat(PodFilter.parse("10.2.47").isSelector()).isFalse();
  }

  @Test
  void containerIdsAreSplitByRuntime() {
    assertThat(ContainerId.parse("cri-o://0123456789abcdef0123").runtime()).isEqualTo(ContainerRuntime.CRIO);
    assertThat(ContainerId.parse("rkt://4ba51f4b-1234").shortId()).isEqualTo("4ba51f4b-123");
    assertThat(ContainerId.parse("containerd://abc").full()).isEqualTo("containerd://abc");
    assertThat(ContainerId.parse("")).isNull();
    assertThat(ContainerRuntime.fromRuntimeVersion("docker://1.10.3")).isEqualTo(ContainerRuntime.DOCKER);
    assertThat(PodRef.parse("default/redis").name()).isEqualTo("redis");
    assertThatThrownBy(() -> PodRef.parse("default/a/b")).isInstanceOf(IllegalArgumentException.class);
  }
}
