package io.netdoctor.core.kube;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One cluster opened for one command: the only place the command line's fabric8 client is built.
 * Names are checked before any request, and every failure is a {@link ClusterAccessException} whose
 * message is the one line a user sees (server URL masked, verb and resource named).
 */
public final class ClusterAccess implements AutoCloseable {

  private final KubeTarget target;
  private final Config config;
  private final KubernetesClient client;

  private ClusterAccess(KubeTarget target, Config config) {
    this.target = target;
    this.config = config;
    this.client = PluginAuth.builder(config).build();
  }

  /** Opens the target's cluster (no request yet; a credential plugin has run). */
  public static ClusterAccess open(KubeTarget target) {
    return new ClusterAccess(target, target.config());
  }

  public KubeTarget target() {
    return target;
  }

  /** The context's namespace, else {@code default}. */
  public String defaultNamespace() {
    return config.getNamespace() != null && !config.getNamespace().isBlank() ? config.getNamespace() : "default";
  }

  /** Pods of one namespace, or of all when {@code namespace} is null; sorted. */
  public List<PodInfo> pods(String namespace) {
    if (namespace != null) {
      KubeNames.namespace(namespace);
    }
    return call("list", namespace == null ? "pods in all namespaces" : "pods in namespace " + namespace,
        () -> PodListing.list(client, namespace));
  }

  /** The same, only the pods {@code selector} matches: the API server selects them, as for kubectl's {@code -l}. */
  public List<PodInfo> pods(String namespace, LabelSelector selector) {
    if (namespace != null) {
      KubeNames.namespace(namespace);
    }
    return call("list", namespace == null ? "pods in all namespaces" : "pods in namespace " + namespace,
        () -> PodListing.list(client, namespace, selector));
  }

  /** The same pods in the same order, handed to {@code sink} page by page as they arrive (memory stays bounded). */
  public void eachPod(String namespace, LabelSelector selector, java.util.function.Consumer<PodInfo> sink) {
    if (namespace != null) {
      KubeNames.namespace(namespace);
    }
    call("list", namespace == null ? "pods in all namespaces" : "pods in namespace " + namespace, () -> {
      PodListing.each(client, namespace, selector, sink);
      return null;
    });
  }

  /** One pod; a clear error when it does not exist. */
  public PodInfo pod(PodRef ref) {
    KubeNames.pod(ref);
    Pod pod = call("get", "pod " + ref, () -> client.pods().inNamespace(ref.namespace()).withName(ref.name()).get());
    if (pod == null) {
      throw new ClusterAccessException("Pod " + ref + " not found in context '" + target.context() + "'.");
    }
    return KubeObjects.pod(pod);
  }

  /** The NetworkPolicies of these namespaces and the namespaces' labels, for policy verdicts. */
  public io.netdoctor.core.policy.PolicySet policies(java.util.Collection<String> namespaces) {
    namespaces.forEach(KubeNames::namespace);
    return call("list", "networkpolicies in namespace " + String.join(", ", new java.util.TreeSet<>(namespaces)),
        () -> PolicyObjects.list(client, namespaces));
  }

  /** A node, or null when the cluster has none of that name. */
  public NodeInfo node(String name) {
    KubeNames.nodeName(name);
    Node node = call("get", "node " + name, () -> client.nodes().withName(name).get());
    return node == null ? null : KubeObjects.node(node);
  }

  /** A request for core services built on the client (DNS): failures become the same one line. */
  public <T> T request(String verb, String resource, Function<KubernetesClient, T> work) {
    return call(verb, resource, () -> work.apply(client));
  }

  /** The client, for core services that hold it (a port-forward); only core builds one. */
  public KubernetesClient client() {
    return client;
  }

  private <T> T call(String verb, String resource, Supplier<T> request) {
    try {
      return request.get();
    } catch (ClusterAccessException | KubeconfigException | IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ClusterAccessException(KubeErrors.describe(e, KubeTarget.shown(config), verb, resource), e);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
