package io.netdoctor.core.lab;

/** An object of the demo world a lab touches: its kind (`Service`), namespace (empty for cluster objects), name. */
public record ObjectRef(String kind, String namespace, String name) {

  public ObjectRef {
    namespace = namespace == null ? "" : namespace;
  }

  /** As a trainee names it: `Service default/redis-master`, `Node k8s-worker-1`. */
  @Override
  public String toString() {
    return kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + name;
  }
}
