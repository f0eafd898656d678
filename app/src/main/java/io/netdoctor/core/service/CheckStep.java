package io.netdoctor.core.service;

import java.util.List;

/**
 * One step of "Check Service": what was checked, the verdict, the one-line evidence (naming the offending
 * object on a failure), further detail lines, and the commands a person would have typed for it.
 */
public record CheckStep(String title, Outcome outcome, String evidence, List<String> details, List<String> commands) {

  /** PASS and FAIL are verdicts; SKIP means the step did not apply or could not be made (the evidence says why). */
  public enum Outcome { PASS, FAIL, SKIP }

  public CheckStep {
    details = List.copyOf(details);
    commands = List.copyOf(commands);
  }

  static CheckStep pass(String title, String evidence, List<String> details) {
    return new CheckStep(title, Outcome.PASS, evidence, details, List.of());
  }

  static CheckStep fail(String title, String evidence, List<String> details) {
    return new CheckStep(title, Outcome.FAIL, evidence, details, List.of());
  }

  static CheckStep skip(String title, String why) {
    return new CheckStep(title, Outcome.SKIP, why, List.of(), List.of());
  }

  CheckStep withCommands(List<String> typed) {
    return new CheckStep(title, outcome, evidence, details, typed);
  }

  public boolean failed() {
    return outcome == Outcome.FAIL;
  }
}
