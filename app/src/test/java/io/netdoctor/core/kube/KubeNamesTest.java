package io.netdoctor.core.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netdoctor.core.transcript.Redaction;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Kubernetes' name rules (DNS-1123 label for namespaces, subdomain for pods and nodes) and URL masking. */
class KubeNamesTest {

  @ParameterizedTest
  @ValueSource(strings = {"../../api/v1/secrets", "bad ns!", "Default", "-a", "a-", "a.b", "", "kube_system",
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
  void badNamespacesAreRefused(String name) {
    assertThatThrownBy(() -> KubeNames.namespace(name)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Invalid namespace '");
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "kube-system", "a", "0", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
  void goodNamespacesPass(String name) {
    assertThat(KubeNames.namespace(name)).isEqualTo(name);
  }

  @Test
  void podNamesAreSubdomains() {
    assertThat(KubeNames.podName("redis-slave-1691881626-d3aft")).isEqualTo("redis-slave-1691881626-d3aft");
    assertThat(KubeNames.podName("web.v2")).isEqualTo("web.v2");
    for (String bad : List.of("../secrets", "a/b", "Web", "a..b", ".a", "a".repeat(254), "a b")) {
      assertThatThrownBy(() -> KubeNames.podName(bad)).as(bad).hasMessageStartingWith("Invalid pod name '");
    }
    assertThat(KubeNames.podName("a".repeat(253))).hasSize(253);
  }

  @Test
  void anEmptyContextIsRefused() {
    assertThatThrownBy(() -> KubeNames.context(" ")).isInstanceOf(KubeconfigException.class)
        .hasMessage("The context name is empty; pass --context NAME.");
  }

  @Test
  void userInfoPasswordsAreMaskedWhereverAUrlIsShown() {
    assertThat(Redaction.maskUserInfo("http://admin:PASS@host:6443/api")).isEqualTo("http://admin:***@host:6443/api");
    assertThat(Redaction.maskUserInfo("https://admin:p@ss@host")).isEqualTo("https://admin:***@host");
    assertThat(Redaction.maskUserInfo("https://host:6443")).isEqualTo("https://host:6443");
    assertThat(Redaction.redactText("Failed to connect to http://u:secret@10.0.0.1:8080/api/v1/pods"))
        .isEqualTo("Failed to connect to http://u:***@10.0.0.1:8080/api/v1/pods");
  }
}
