package io.netdoctor.demo.lab;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.netdoctor.core.lab.ObjectRef;
import java.util.LinkedHashMap;
import java.util.Map;

/** The demo world's objects by kind, namespace and name, read and written as manifests held in maps. */
final class DemoObjects {

  private static final Map<String, Class<? extends HasMetadata>> TYPES = Map.of("Service", Service.class,
      "Endpoints", Endpoints.class, "EndpointSlice", EndpointSlice.class, "Pod", Pod.class,
      "NetworkPolicy", NetworkPolicy.class, "Event", Event.class, "ConfigMap", ConfigMap.class, "Node", Node.class);

  private final KubernetesClient client;

  DemoObjects(KubernetesClient client) {
    this.client = client;
  }

  static Class<? extends HasMetadata> type(String kind) {
    Class<? extends HasMetadata> type = TYPES.get(kind);
    if (type == null) {
      throw new IllegalArgumentException("the demo world holds no " + kind);
    }
    return type;
  }

  /** The object now, or null when there is none. */
  HasMetadata get(ObjectRef ref) {
    var resources = client.resources(type(ref.kind()));
    return ref.namespace().isEmpty() ? resources.withName(ref.name()).get()
        : resources.inNamespace(ref.namespace()).withName(ref.name()).get();
  }

  /** The object now as a manifest (apiVersion, kind, metadata, spec, status), or null. */
  Map<String, Object> read(ObjectRef ref) {
    HasMetadata object = get(ref);
    return object == null ? null : map(object);
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> map(HasMetadata object) {
    return client.getKubernetesSerialization().convertValue(object, LinkedHashMap.class);
  }

  HasMetadata object(Map<String, Object> manifest) {
    return client.getKubernetesSerialization().convertValue(manifest, type(String.valueOf(manifest.get("kind"))));
  }

  String json(Object value) {
    return client.getKubernetesSerialization().asJson(value);
  }

  void create(Map<String, Object> manifest) {
    HasMetadata object = object(manifest);
    object.getMetadata().setResourceVersion(null);
    HasMetadata created = client.resource(object).create();
    if (manifest.get("status") != null) {
      writeStatus(created, manifest);
    }
  }

  /** Replaces the object (spec and status) with {@code manifest}, whatever changed since. */
  void replace(Map<String, Object> manifest) {
    HasMetadata desired = object(manifest);
    HasMetadata current = get(new ObjectRef(String.valueOf(manifest.get("kind")), desired.getMetadata().getNamespace(),
        desired.getMetadata().getName()));
    if (current == null) {
      create(manifest);
      return;
    }
    desired.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
    HasMetadata updated = client.resource(desired).update();
    if (manifest.containsKey("status") || map(current).containsKey("status")) {
      writeStatus(updated, manifest);
    }
  }

  private void writeStatus(HasMetadata updated, Map<String, Object> manifest) {
    Map<String, Object> withStatus = map(updated);
    if (manifest.get("status") == null) {
      withStatus.remove("status");
    } else {
      withStatus.put("status", manifest.get("status"));
    }
    client.resource(object(withStatus)).updateStatus();
  }

  void delete(ObjectRef ref) {
    HasMetadata current = get(ref);
    if (current != null) {
      client.resource(current).withGracePeriod(0).delete();
    }
  }
}
