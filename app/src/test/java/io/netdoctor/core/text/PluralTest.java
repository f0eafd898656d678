package io.netdoctor.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** English number agreement: singular for exactly one, plural for zero and for more than one. */
class PluralTest {

  @Test
  void oneIsSingularZeroAndManyArePlural() {
    assertThat(Plural.of(1, "DNS pod")).isEqualTo("1 DNS pod");
    assertThat(Plural.of(0, "DNS pod")).isEqualTo("0 DNS pods");
    assertThat(Plural.of(2, "endpoint")).isEqualTo("2 endpoints");
    assertThat(Plural.of(-1, "pod")).isEqualTo("-1 pods");
  }

  @Test
  void irregularNounsTakeTheirOwnPlural() {
    assertThat(Plural.of(1, "entry", "entries")).isEqualTo("1 entry");
    assertThat(Plural.of(3, "entry", "entries")).isEqualTo("3 entries");
  }
}
