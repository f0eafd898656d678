package io.netdoctor.core.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LabelSelectorTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.netdoctor.core.kube.SelectorTable#valid")
  void selectsWhatKubernetesSelects(String selector, Set<String> expected) {
    LabelSelector parsed = LabelSelector.parse(selector);
    Set<String> selected = SelectorTable.PODS.entrySet().stream()
        .filter(e -> parsed.matches(e.getValue())).map(Map.Entry::getKey).collect(Collectors.toSet());
    assertThat(selected).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.netdoctor.core.kube.SelectorTable#invalid")
  void rejectsWhatKubernetesRejectsInOneLineNamingThePart(String selector, String part) {
    assertThatThrownBy(() -> LabelSelector.parse(selector))
        .isInstanceOf(InvalidSelectorException.class)
        .hasMessageStartingWith("Invalid label selector \"" + selector + "\": ")
        .hasMessageContaining(part)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void theTableIsLargeEnough() {
    assertThat(SelectorTable.valid().size() + SelectorTable.invalid().size()).isGreaterThanOrEqualTo(30);
  }

  @Test
  void printsTheCanonicalFormSortedByKey() {
    assertThat(LabelSelector.parse("tier in (b, a), !canary, app==web, x>3").toString())
        .isEqualTo("app==web,!canary,tier in (a,b),x>3");
    assertThat(LabelSelector.parse("").isEmpty()).isTrue();
    assertThat(LabelSelector.parse("   ").matches(Map.of())).isTrue();
  }

  @Test
  void valuesUpTo63CharactersAndPrefixedKeysAreAccepted() {
    String v63 = "v".repeat(63);
    assertThat(LabelSelector.parse("app=" + v63).matches(Map.of("app", v63))).isTrue();
    assertThatThrownBy(() -> LabelSelector.parse("app=" + v63 + "v")).hasMessageContaining("63");
    assertThat(LabelSelector.parse("app.kubernetes.io/name in (x)").matches(Map.of("app.kubernetes.io/name", "x")))
        .isTrue();
  }
}
