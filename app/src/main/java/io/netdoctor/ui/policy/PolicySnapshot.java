package io.netdoctor.ui.policy;

import io.netdoctor.core.kube.ClusterConnection;
import io.netdoctor.core.kube.ClusterQueries;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.core.kube.PolicyObjects;
import io.netdoctor.core.kube.ServiceInfo;
import io.netdoctor.core.policy.PolicyPod;
import io.netdoctor.core.policy.PolicySet;
import io.netdoctor.core.policy.ServiceReach;
import io.netdoctor.core.policy.ServiceTarget;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the policy panes judge with: the cluster's NetworkPolicies and namespace labels (asked of the API server),
 * and the pods and Services of the connection's live model at that moment.
 */
record PolicySnapshot(PolicySet policies, List<PodInfo> pods, List<ServiceInfo> services) {

  /** Blocking: lists policies and namespaces (the kubectl lines go to the transcript). */
  static PolicySnapshot load(ClusterConnection connection) {
    ClusterQueries queries = ClusterQueries.of(connection)
        .orElseThrow(() -> new IllegalStateException("Not connected to a cluster yet."));
    PolicySet set = queries.policies();
    List<PodInfo> pods = connection.pods().stream()
        .sorted(Comparator.comparing(PodInfo::namespace).thenComparing(PodInfo::name)).toList();
    List<ServiceInfo> services = connection.services().stream()
        .sorted(Comparator.comparing(ServiceInfo::namespace).thenComparing(ServiceInfo::name)).toList();
    return new PolicySnapshot(set, pods, services);
  }

  ServiceReach reach() {
    return new ServiceReach(policies, pods.stream().map(PolicyObjects::pod).toList());
  }

  Optional<PodInfo> pod(String key) {
    return pods.stream().filter(p -> key.equals(p.namespace() + "/" + p.name())).findFirst();
  }

  static PolicyPod policyPod(PodInfo pod) {
    return PolicyObjects.pod(pod);
  }

  static ServiceTarget target(ServiceInfo service) {
    return PolicyObjects.service(service);
  }
}
