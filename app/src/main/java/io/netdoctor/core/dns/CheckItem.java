package io.netdoctor.core.dns;

import java.util.List;

/** One line of the DNS checklist: what was checked, how it came out, and the evidence to show. */
public record CheckItem(String title, Outcome outcome, String evidence, List<String> details) {

  /** PASS and FAIL are verdicts; SKIPPED means the step did not apply (no name given, no pod chosen). */
  public enum Outcome { PASS, FAIL, SKIPPED }

  public CheckItem {
    details = List.copyOf(details);
  }

  static CheckItem pass(String title, String evidence, List<String> details) {
    return new CheckItem(title, Outcome.PASS, evidence, details);
  }

  static CheckItem fail(String title, String evidence, List<String> details) {
    return new CheckItem(title, Outcome.FAIL, evidence, details);
  }

  static CheckItem skipped(String title, String evidence) {
    return new CheckItem(title, Outcome.SKIPPED, evidence, List.of());
  }

  public boolean passed() {
    return outcome == Outcome.PASS;
  }
}
