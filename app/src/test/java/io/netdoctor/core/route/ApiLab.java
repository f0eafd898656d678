package io.netdoctor.core.route;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.netdoctor.core.kube.MockCluster;
import io.netdoctor.core.transcript.Transcript;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * fabric8's CRUD mock API server plus, in a wrapping dispatcher, what CRUD cannot express (each as a real API server
 * answers it): the {@code ephemeralcontainers} subresource (a strategic-merge PATCH; the pod then shows the container
 * in its spec and status), exec (the websocket channel protocol, backed by REAL local processes: see
 * {@link ExecStream}), the kubelet's status for node debug pods, SelfSubjectAccessReview answers, and Pod Security
 * Admission's 403 for privileged pods. Exec runs on this machine: the "container" is the test host.
 */
public final class ApiLab implements AutoCloseable {

  private static final Pattern EXEC = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/]+)/exec");
  private static final Pattern EPHEMERAL = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/]+)/ephemeralcontainers");
  private static final Pattern POD = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/]+)");
  private static final Pattern PODS = Pattern.compile("/api/v1/namespaces/([^/]+)/pods");
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  public final MockCluster cluster;
  final Transcript transcript = new Transcript();
  /** Bodies of every PATCH of the ephemeralcontainers subresource, as sent. */
  public final List<String> ephemeralPatches = new CopyOnWriteArrayList<>();
  /** Their Content-Type headers (the patch type). */
  final List<String> ephemeralPatchTypes = new CopyOnWriteArrayList<>();
  /** Every exec, in order. */
  final List<ExecStream> execs = new CopyOnWriteArrayList<>();
  /** Exec argument lists, in order. */
  public final List<List<String>> execCommands = new CopyOnWriteArrayList<>();
  /** "verb resource[/sub] namespace" that SelfSubjectAccessReview denies. */
  public final Set<String> denied = ConcurrentHashMap.newKeySet();
  /** Namespaces whose Pod Security Admission enforces a level that rejects privileged pods. */
  final Map<String, String> enforce = new ConcurrentHashMap<>();
  final List<String> reviews = new CopyOnWriteArrayList<>();
  public volatile boolean ephemeralDisabled;
  /** The state the kubelet reports for a new ephemeral container or node debug pod container (default running). */
  volatile Function<String, ContainerState> kubelet = name -> running();
  /** Node debug pods (by pod name) whose container the kubelet keeps in ContainerCreating while this says so. */
  volatile java.util.function.Predicate<String> slowPod = name -> false;
  private final Map<String, List<EphemeralContainer>> ephemeral = new ConcurrentHashMap<>();

  public ApiLab() {
    cluster = MockCluster.wrapping(crud -> new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return ApiLab.this.dispatch(crud, request);
      }
    });
  }

  ApiCluster api() {
    return new ApiCluster(cluster.client(), List.of("--context", "mock"), transcript);
  }

  static ContainerState running() {
    return new ContainerStateBuilder().withNewRunning().withStartedAt("2026-12-02T10:00:00Z").endRunning().build();
  }

  static ContainerState waiting(String reason, String message) {
    return new ContainerStateBuilder().withNewWaiting().withReason(reason).withMessage(message).endWaiting().build();
  }

  private MockResponse dispatch(KubernetesCrudDispatcher crud, RecordedRequest request) {
    String full = request.getPath();
    int q = full.indexOf('?');
    String path = q < 0 ? full : full.substring(0, q);
    String query = q < 0 ? "" : full.substring(q + 1);
    String method = request.getMethod();
    if (path.equals("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews") && "POST".equals(method)) {
      return review(request.getUtf8Body());
    }
    Matcher exec = EXEC.matcher(path);
    if (exec.matches()) {
      return exec(crud, exec.group(1), exec.group(2), query);
    }
    Matcher eph = EPHEMERAL.matcher(path);
    if (eph.matches()) {
      ephemeralPatchTypes.add(String.valueOf(request.getHeader("Content-Type")));
      return patchEphemeral(crud, eph.group(1), eph.group(2), method, request.getUtf8Body());
    }
    Matcher pods = PODS.matcher(path);
    if (pods.matches() && "POST".equals(method) && enforce.containsKey(pods.group(1))) {
      Pod pod = JSON.unmarshal(request.getUtf8Body(), Pod.class);
      if (Boolean.TRUE.equals(pod.getSpec().getHostNetwork())) {
        String level = enforce.get(pods.group(1));
        return status(403, "Forbidden", "pods \\\"" + pod.getMetadata().getName() + "\\\" is forbidden: violates"
            + " PodSecurity \\\"" + level + ":latest\\\": host namespaces (hostNetwork=true, hostPID=true,"
            + " hostIPC=true), privileged (container \\\"debugger\\\" must not set securityContext.privileged=true),"
            + " hostPath volumes (volume \\\"host-root\\\")");
      }
    }
    MockResponse response = crud.dispatch(request);
    Matcher pod = POD.matcher(path);
    if ("GET".equals(method) && pod.matches() && response.code() == 200) {
      return withKubelet(response, pod.group(1), pod.group(2));
    }
    return response;
  }

  /** What the kubelet adds to a pod: the ephemeral containers' statuses, and a started node debug pod. */
  private MockResponse withKubelet(MockResponse response, String namespace, String name) {
    Pod pod = JSON.unmarshal(response.getBody().readUtf8(), Pod.class);
    List<EphemeralContainer> added = ephemeral.getOrDefault(namespace + "/" + name, List.of());
    if (!added.isEmpty()) {
      pod.getSpec().setEphemeralContainers(added);
      var statuses = new ArrayList<ContainerStatus>();
      for (EphemeralContainer c : added) {
        statuses.add(status(c.getName(), c.getImage()));
      }
      pod.getStatus().setEphemeralContainerStatuses(statuses);
    }
    var labels = pod.getMetadata().getLabels();
    if (labels != null && "netdoctor".equals(labels.get("app.kubernetes.io/managed-by")) && pod.getStatus() == null) {
      var c = pod.getSpec().getContainers().get(0);
      ContainerStatus s = slowPod.test(name) ? new ContainerStatusBuilder().withName(c.getName())
          .withImage(c.getImage()).withState(waiting("ContainerCreating", "")).withReady(false).build()
          : status(c.getName(), c.getImage());
      pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder()
          .withPhase(s.getState().getRunning() != null ? "Running" : "Pending").withContainerStatuses(s).build());
    }
    return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
        .setBody(JSON.asJson(pod));
  }

  private ContainerStatus status(String name, String image) {
    ContainerState state = kubelet.apply(name);
    return new ContainerStatusBuilder().withName(name).withImage(image).withState(state)
        .withReady(state.getRunning() != null).withRestartCount(0).build();
  }

  private MockResponse patchEphemeral(KubernetesCrudDispatcher crud, String namespace, String name, String method,
      String body) {
    if (ephemeralDisabled) {
      return status(404, "NotFound", "the server could not find the requested resource");
    }
    if (!"PATCH".equals(method)) {
      return status(405, "MethodNotAllowed", "only PATCH is served here");
    }
    MockResponse current = crud.handleGet("/api/v1/namespaces/" + namespace + "/pods/" + name);
    if (current.code() != 200) {
      return status(404, "NotFound", "pods \\\"" + name + "\\\" not found");
    }
    ephemeralPatches.add(body);
    Pod patch = JSON.unmarshal(body, Pod.class);
    List<EphemeralContainer> list = ephemeral.computeIfAbsent(namespace + "/" + name, k -> new CopyOnWriteArrayList<>());
    for (EphemeralContainer c : patch.getSpec().getEphemeralContainers()) { // strategic merge: by name
      list.removeIf(old -> old.getName().equals(c.getName()));
      list.add(c);
    }
    return withKubelet(current, namespace, name);
  }

  private MockResponse exec(KubernetesCrudDispatcher crud, String namespace, String name, String query) {
    List<String> command = new ArrayList<>();
    String container = null;
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = pair.substring(0, eq);
      String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      if (key.equals("command")) {
        command.add(value);
      } else if (key.equals("container")) {
        container = value;
      }
    }
    MockResponse current = crud.handleGet("/api/v1/namespaces/" + namespace + "/pods/" + name);
    if (current.code() != 200) {
      return status(404, "NotFound", "pods \\\"" + name + "\\\" not found");
    }
    Pod pod = JSON.unmarshal(withKubelet(current, namespace, name).getBody().readUtf8(), Pod.class);
    String failure = null;
    if (container != null && !hasContainer(pod, container)) {
      failure = "container " + container + " is not valid for pod " + name;
    }
    execCommands.add(List.copyOf(command));
    ExecStream stream = new ExecStream(command, failure);
    execs.add(stream);
    return new MockResponse().withWebSocketUpgrade(stream);
  }

  private static boolean hasContainer(Pod pod, String container) {
    return pod.getSpec().getContainers().stream().anyMatch(c -> c.getName().equals(container))
        || pod.getSpec().getEphemeralContainers() != null
        && pod.getSpec().getEphemeralContainers().stream().anyMatch(c -> c.getName().equals(container));
  }

  private MockResponse review(String body) {
    SelfSubjectAccessReview review = JSON.unmarshal(body, SelfSubjectAccessReview.class);
    var a = review.getSpec().getResourceAttributes();
    String key = a.getVerb() + " " + a.getResource() + (a.getSubresource() == null ? "" : "/" + a.getSubresource())
        + " " + a.getNamespace();
    reviews.add(key);
    boolean allowed = !denied.contains(key);
    review.setStatus(new io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatusBuilder()
        .withAllowed(allowed).withReason(allowed ? "RBAC: allowed" : "").build());
    return new MockResponse().setResponseCode(201).setHeader("Content-Type", "application/json")
        .setBody(JSON.asJson(review));
  }

  private static MockResponse status(int code, String reason, String message) {
    return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
        .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\""
            + message + "\",\"reason\":\"" + reason + "\",\"code\":" + code + "}");
  }

  @Override
  public void close() {
    for (ExecStream s : execs) {
      Process p = s.process();
      if (p != null) {
        p.destroyForcibly();
      }
    }
    cluster.close();
  }
}
