package io.netdoctor.cli;

import io.netdoctor.core.kube.DemoCluster;
import java.time.Duration;

/** Starts the demo cluster the same way for every command-line entry. */
final class DemoClusters {
  private DemoClusters() {
  }

  static DemoCluster start(Duration life, int port) {
    return DemoCluster.start(life, port, crud -> crud);
  }
}
