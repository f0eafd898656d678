package io.netdoctor.demo.node;

import java.util.List;

/**
 * One simulated program's run: its streams, the node it runs on, the pod whose network namespace it
 * is in (null: the host's), whether it runs in the toolbox (or a container with the toolbox's tools), what the
 * container's image carries, and the shell to run nested commands with (what sudo, nsenter and toolbox do).
 */
record Call(Streams io, NodeShell shell, SimPod netns, boolean toolbox, ImageTools image) {

  Call(Streams io, NodeShell shell, SimPod netns, boolean toolbox) {
    this(io, shell, netns, toolbox, ImageTools.FULL);
  }

  Call inNetns(SimPod pod) {
    return new Call(io, shell, pod, toolbox, image);
  }

  Call intoToolbox() {
    return new Call(io, shell, netns, true, image);
  }

  /** In a container whose image carries {@code tools}. */
  Call inImage(ImageTools tools) {
    return new Call(io, shell, netns, toolbox, tools);
  }

  boolean inToolbox() {
    return toolbox;
  }

  int run(List<String> argv) throws InterruptedException {
    return shell.run(argv, this);
  }

  void out(String line) {
    io.out().println(line);
  }

  void err(String line) {
    io.err().println(line);
  }

  DemoNode node() {
    return shell.node();
  }

  ClusterView cluster() {
    return shell.cluster();
  }
}
