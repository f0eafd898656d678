package io.netdoctor.core.text;

/** A count with its noun in the right number ("1 pod", "2 pods", "0 DNS pods"): the one place the app pluralises. */
public final class Plural {

  private Plural() {
  }

  /** {@code count} and {@code noun}, with "s" added unless the count is exactly one. */
  public static String of(long count, String noun) {
    return of(count, noun, noun + "s");
  }

  /** {@code count} and {@code one} or {@code many} (for nouns such as "entry"/"entries"). */
  public static String of(long count, String one, String many) {
    return count + " " + (count == 1 ? one : many);
  }
}
