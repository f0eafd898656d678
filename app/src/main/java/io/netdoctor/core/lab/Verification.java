package io.netdoctor.core.lab;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A lab's fix and how the lab knows it is done: the fix action the app can apply for the trainee ({@code fix}) and
 * the fields that must hold afterwards ({@code expect}), however the fix was made (kubectl too).
 */
public record Verification(String fixTitle, List<WorldChange> fix, List<Expectation> expect) {

  public Verification {
    fix = List.copyOf(fix);
    expect = List.copyOf(expect);
  }

  /** One field of one object: {@code path} (`spec.ports[0].targetPort`) must equal {@code equals}. */
  public record Expectation(ObjectRef target, String path, Object equals) {
    public String describe() {
      return target + " " + path + " = " + equals;
    }
  }

  /** Checks every expectation against the objects {@code read} returns (null: no such object). */
  public Question.Outcome check(Function<ObjectRef, Map<String, Object>> read) {
    for (Expectation e : expect) {
      Map<String, Object> object = read.apply(e.target());
      Object actual = object == null ? null : FieldPath.read(object, e.path());
      if (!sameValue(actual, e.equals())) {
        return new Question.Outcome(false, "Not fixed yet: " + e.target() + " " + e.path() + " is "
            + (object == null ? "missing (no such object)" : actual) + ", expected " + e.equals() + ".");
      }
    }
    return new Question.Outcome(true, "Fixed: " + String.join("; ", expect.stream().map(Expectation::describe).toList())
        + ".");
  }

  /** YAML's 6379 and the API's 6379 (Integer, Long, IntOrString) compare equal as text. */
  static boolean sameValue(Object actual, Object expected) {
    return Objects.equals(actual, expected) || (actual != null && expected != null
        && String.valueOf(actual).equals(String.valueOf(expected)));
  }
}
