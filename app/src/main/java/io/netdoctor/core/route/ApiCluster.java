package io.netdoctor.core.route;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.netdoctor.core.command.Command;
import io.netdoctor.core.kube.Kubectl;
import io.netdoctor.core.transcript.Transcript;
import java.util.List;

/**
 * The cluster the API route works through: its client, the flags a pasted kubectl needs to reach it
 * ({@code --context NAME}, as core/kube/Kubectl writes them) and the transcript every step is written to.
 */
public record ApiCluster(KubernetesClient client, List<String> kubectlFlags, Transcript transcript) {

  public ApiCluster {
    kubectlFlags = List.copyOf(kubectlFlags);
  }

  /** The kubectl command a person would type for a step. */
  Command kubectl(String... args) {
    return Kubectl.command(kubectlFlags, args);
  }
}
