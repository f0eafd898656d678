package io.netdoctor.core.lab;

import java.util.List;

/** The diagnosis a trainee picks: the broken object and the cause, each from choices. */
public record Question(List<String> objects, String object, List<String> causes, String cause) {

  public Question {
    objects = List.copyOf(objects);
    causes = List.copyOf(causes);
  }

  /** Whether the picked object and cause are the lab's; the message says which part is wrong. */
  public Outcome check(String pickedObject, String pickedCause) {
    boolean objectRight = object.equals(pickedObject);
    boolean causeRight = cause.equals(pickedCause);
    if (objectRight && causeRight) {
      return new Outcome(true, "Right: " + object + " — " + cause + ".");
    }
    if (pickedObject == null || pickedCause == null) {
      return new Outcome(false, "Pick the broken object and the cause first.");
    }
    return new Outcome(false, objectRight ? "The object is right, but that is not the cause. Look again."
        : causeRight ? "The cause is right, but it is not in that object. Look again."
        : "Not this one. Take a hint or look again.");
  }

  /** A verdict on an answer or a verification. */
  public record Outcome(boolean right, String message) {
  }
}
