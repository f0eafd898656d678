package io.netdoctor.core.kube;

import java.util.regex.Pattern;

/**
 * Checks the names a user types before any request is made, with Kubernetes' own rules: a namespace
 * is a DNS-1123 label, a pod or node name a DNS-1123 subdomain. A name such as {@code ../../api} must
 * never become part of a request path.
 */
public final class KubeNames {

  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern SUBDOMAIN = Pattern.compile(
      "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private KubeNames() {
  }

  /** The namespace, or an {@link IllegalArgumentException} that says what a namespace may be. */
  public static String namespace(String name) {
    if (name == null || name.length() > 63 || !LABEL.matcher(name).matches()) {
      throw new IllegalArgumentException("Invalid namespace " + quoted(name) + ": a namespace is a DNS-1123 label"
          + " (at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit).");
    }
    return name;
  }

  /** The pod name, or an {@link IllegalArgumentException}. */
  public static String podName(String name) {
    return subdomain("pod", name);
  }

  /** The node name, or an {@link IllegalArgumentException}. */
  public static String nodeName(String name) {
    return subdomain("node", name);
  }

  /** A pod reference whose parts are both valid. */
  public static PodRef pod(PodRef ref) {
    namespace(ref.namespace());
    podName(ref.name());
    return ref;
  }

  /** A context name: anything kubectl accepts, but not empty. */
  public static String context(String name) {
    if (name == null || name.isBlank()) {
      throw new KubeconfigException("The context name is empty; pass --context NAME.");
    }
    return name;
  }

  private static String subdomain(String what, String name) {
    if (name == null || name.length() > 253 || !SUBDOMAIN.matcher(name).matches()) {
      throw new IllegalArgumentException("Invalid " + what + " name " + quoted(name) + ": a " + what + " name is a"
          + " DNS-1123 subdomain (at most 253 lowercase letters, digits, '-' and '.', each part starting and ending"
          + " with a letter or digit).");
    }
    return name;
  }

  private static String quoted(String name) {
    if (name == null) {
      return "(none)";
    }
    String shown = name.length() > 80 ? name.substring(0, 80) + "…" : name;
    return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
  }
}
