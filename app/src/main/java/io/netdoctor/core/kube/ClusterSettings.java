package io.netdoctor.core.kube;

import io.fabric8.kubernetes.client.Config;
import io.netdoctor.core.transcript.Transcript;
import java.util.function.Consumer;

/** How to reach one cluster (a kubeconfig context or the demo cluster): the client configuration, kept inside core. */
public final class ClusterSettings {

  private final Config config;

  public ClusterSettings(Config config) {
    this.config = config;
  }

  /** The API server's address as it may be shown (a password in the URL never is). */
  public String shownUrl() {
    return KubeTarget.shown(config);
  }

  /**
   * A connection to this cluster, not yet started: {@code displayName} is what the user chose, {@code contextName}
   * goes into kubectl lines (null: none needed).
   */
  public ClusterConnection connection(String displayName, String contextName, Transcript transcript,
      Consumer<ClusterChange> sink) {
    return new ClusterConnection(displayName, contextName, config, transcript, sink);
  }
}
