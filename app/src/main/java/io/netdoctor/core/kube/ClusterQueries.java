package io.netdoctor.core.kube;

import java.util.Optional;

/**
 * One-off questions to a connection's API server beyond its cached model: describe a pod or node, fetch a
 * node the model lacks. Keeps the Kubernetes client inside core. All calls block: run them off the UI thread.
 */
public final class ClusterQueries {

  private final ClusterConnection connection;

  private ClusterQueries(ClusterConnection connection) {
    this.connection = connection;
  }

  /** The connection's queries, or empty while it is not connected yet. */
  public static Optional<ClusterQueries> of(ClusterConnection connection) {
    return connection == null || connection.client() == null
        ? Optional.empty() : Optional.of(new ClusterQueries(connection));
  }

  /** What `kubectl describe pod` adds to the model: the recent events (the kubectl line goes to the transcript). */
  public PodDetails describePod(PodRef ref) {
    return Describer.describePod(connection.client(), connection.contextName(), connection.transcript(), ref);
  }

  /** What `kubectl describe node` adds to the model: the recent events. */
  public PodDetails describeNode(String node) {
    return Describer.describeNode(connection.client(), connection.contextName(), connection.transcript(), node);
  }

  /** The node asked of the API server (for when the model has not got it, e.g. listing nodes is forbidden). */
  public Optional<NodeInfo> fetchNode(String name) {
    var fetched = connection.client().nodes().withName(name).get();
    return fetched == null ? Optional.empty() : Optional.of(KubeObjects.node(fetched));
  }

  /** Every NetworkPolicy and namespace, for policy verdicts and the reachability matrix (kubectl lines recorded). */
  public io.netdoctor.core.policy.PolicySet policies() {
    connection.transcript().command("policy", Kubectl.command(connection.contextName(), "get", "networkpolicies",
        "--all-namespaces", "-o", "yaml"));
    connection.transcript().command("policy", Kubectl.command(connection.contextName(), "get", "namespaces",
        "--show-labels"));
    return PolicyObjects.listAll(connection.client());
  }
}
