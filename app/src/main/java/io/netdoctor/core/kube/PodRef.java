package io.netdoctor.core.kube;

/** Names one pod: namespace and name. */
public record PodRef(String namespace, String name) {
  @Override
  public String toString() {
    return namespace + "/" + name;
  }

  /** Parses `NS/POD`. */
  public static PodRef parse(String text) {
    int slash = text.indexOf('/');
    if (slash <= 0 || slash == text.length() - 1 || text.indexOf('/', slash + 1) >= 0) {
      throw new IllegalArgumentException("expected NAMESPACE/POD, got '" + text + "'");
    }
    return new PodRef(text.substring(0, slash), text.substring(slash + 1));
  }
}
