package io.netdoctor.cli;

import io.netdoctor.core.kube.ContainerInfo;
import io.netdoctor.core.kube.PodInfo;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.databind.json.JsonMapper;

/** `pods` output written pod by pod as the list arrives: the JSON array or the tree, byte for byte as before. */
abstract class PodOutput implements Consumer<PodInfo> {

  final PrintWriter out;

  PodOutput(PrintWriter out) {
    this.out = out;
  }

  /** Ends the output (closing bracket, last tree line, "No pods found."). */
  abstract void finish();

  static PodOutput json(PrintWriter out) {
    return new Json(out);
  }

  static PodOutput tree(PrintWriter out) {
    return new Tree(out);
  }

  /** One JSON object per container, in the contract's key order. */
  static Map<String, Object> row(PodInfo pod, ContainerInfo c) {
    var row = new LinkedHashMap<String, Object>();
    row.put("namespace", pod.namespace());
    row.put("pod", pod.name());
    row.put("container", c.name());
    row.put("runtime", c.containerId() == null ? null : c.runtime().label());
    row.put("containerId", c.containerId() == null ? null : c.containerId().id());
    row.put("shortId", c.containerId() == null ? null : c.shortId());
    row.put("node", blankToNull(pod.node()));
    row.put("podIP", blankToNull(pod.podIP()));
    row.put("phase", pod.phase());
    return row;
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** The pretty-printed array Jackson writes for the whole list, written one element at a time. */
  private static final class Json extends PodOutput {
    private SequenceWriter array;

    Json(PrintWriter out) {
      super(out);
    }

    @Override
    public void accept(PodInfo pod) {
      for (ContainerInfo c : pod.containers()) {
        array().write(row(pod, c));
      }
    }

    @Override
    void finish() {
      array().close();
      out.println();
    }

    /** Opened at the first pod, so that a failed request prints nothing on stdout. */
    private SequenceWriter array() {
      if (array == null) {
        array = JsonMapper.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build()
            .writerWithDefaultPrettyPrinter().writeValuesAsArray(out);
      }
      return array;
    }
  }

  /** The namespace/pod/container tree; a pod's branch glyph waits for the next pod (last in its namespace?). */
  private static final class Tree extends PodOutput {
    private PodInfo pending;

    Tree(PrintWriter out) {
      super(out);
    }

    @Override
    public void accept(PodInfo pod) {
      if (pending != null) {
        print(pending, !pod.namespace().equals(pending.namespace()));
      }
      if (pending == null || !pod.namespace().equals(pending.namespace())) {
        out.println(pod.namespace());
      }
      pending = pod;
    }

    @Override
    void finish() {
      if (pending == null) {
        out.println("No pods found.");
      } else {
        print(pending, true);
      }
    }

    private void print(PodInfo pod, boolean lastInNs) {
      out.printf("%s %s  %s %s  restarts=%d  node=%s  ip=%s%n", lastInNs ? "└─" : "├─", pod.name(),
          pod.status(), pod.ready(), pod.restarts(), dash(pod.node()), dash(pod.podIP()));
      String stem = lastInNs ? "   " : "│  ";
      var containers = pod.containers();
      for (int c = 0; c < containers.size(); c++) {
        ContainerInfo container = containers.get(c);
        out.printf("%s%s %s%s  %s  %s%n", stem, c + 1 == containers.size() ? "└─" : "├─", container.name(),
            container.init() ? " (init)" : "", container.runtime().label(), dash(container.shortId()));
      }
    }

    private static String dash(String s) {
      return s == null || s.isEmpty() ? "-" : s;
    }
  }
}
