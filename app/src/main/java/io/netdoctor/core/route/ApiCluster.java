package io.netdoctor.core.route;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.netdoctor.core.command.Command;
import io.netdoctor.core.kube.Kubectl;
import io.netdoctor.core.node.NodeAccessException;
import io.netdoctor.core.transcript.Transcript;
import java.util.List;
import java.util.function.Supplier;

/**
 * The cluster the API route works through: its client (read when used: the window's connection makes its client when
 * it connects), the flags a pasted kubectl needs to reach it ({@code --context NAME}, as core/kube/Kubectl writes
 * them) and the transcript every step is written to.
 */
public record ApiCluster(Supplier<KubernetesClient> clients, List<String> kubectlFlags, Transcript transcript) {

  public ApiCluster {
    kubectlFlags = List.copyOf(kubectlFlags);
  }

  public ApiCluster(KubernetesClient client, List<String> kubectlFlags, Transcript transcript) {
    this(() -> client, kubectlFlags, transcript);
  }

  /** The client; one line when the connection has none yet. */
  public KubernetesClient client() {
    KubernetesClient client = clients.get();
    if (client == null) {
      throw new NodeAccessException(NodeAccessException.Failure.UNREACHABLE, "Not connected to the cluster yet.");
    }
    return client;
  }

  /** The kubectl command a person would type for a step. */
  Command kubectl(String... args) {
    return Kubectl.command(kubectlFlags, args);
  }
}
