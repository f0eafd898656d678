package io.netdoctor.demo.traffic;

/** A network a capture runs in: a node's own ({@code pod} null) or a pod's namespace ("ns/name") on a node. */
public record Place(String node, String pod) {

  public static Place node(String node) {
    return new Place(node, null);
  }

  public static Place pod(String node, String namespace, String name) {
    return new Place(node, namespace + "/" + name);
  }

  public boolean inPod() {
    return pod != null;
  }
}
