package io.netdoctor.demo.api;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.netdoctor.demo.node.ContainerExec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the demo API serves beyond CRUD for debugging through the API: the pods' {@code ephemeralcontainers}
 * subresource (GET, PATCH in its three kinds, PUT), {@code exec} and {@code attach} over the websocket channel
 * protocol, and a kubelet ({@link DemoKubelet}) that starts what is created or added at run time. Deleting a
 * pod ends its exec streams.
 */
public final class PodDebugDispatcher extends Dispatcher implements AutoCloseable {

  private static final Pattern SUBRESOURCE =
      Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/]+)/(ephemeralcontainers|exec|attach)/?");
  private static final Pattern PODS = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/?");
  private static final Pattern POD = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/]+)/?");
  private static final Pattern ALL_PODS = Pattern.compile("/api/v1/pods/?");

  private final Dispatcher next;
  private final KubernetesCrudDispatcher crud;
  private final DemoKubelet kubelet = new DemoKubelet();
  private final Set<ExecSession> sessions = ConcurrentHashMap.newKeySet();
  private volatile ContainerExec exec;

  /** {@code next} answers everything else; {@code crud} is the store behind it. */
  public PodDebugDispatcher(Dispatcher next, KubernetesCrudDispatcher crud) {
    this.next = Objects.requireNonNull(next, "next");
    this.crud = Objects.requireNonNull(crud, "crud");
  }

  /** Starts the kubelet and exec: they read and report through {@code client} (the demo's own). */
  public void start(KubernetesClient client) {
    start(client, null);
  }

  /** As above; {@code dns} answers what `dig` asks the cluster DNS from inside a container (null: nothing). */
  public void start(KubernetesClient client, io.netdoctor.demo.traffic.TrafficModel.DnsAnswers dns) {
    exec = new ContainerExec(client, dns);
    kubelet.start(client);
  }

  /**
   * `kubectl auth can-i` on the demo: the demo's user may do everything, as a cluster admin (the API route asks before
   * acting; CRUD would store the review instead of answering it).
   */
  private static MockResponse accessReview(RecordedRequest request) {
    JsonNode review = ApiStatus.JSON.readTree(request.getBody().getBytes());
    ObjectNode answer = ((ObjectNode) review).deepCopy();
    answer.putObject("status").put("allowed", true).put("reason", "the demo's user is a cluster admin");
    return new MockResponse().setResponseCode(201).setHeader("Content-Type", "application/json")
        .setBody(answer.toString());
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String full = request.getPath();
    int q = full.indexOf('?');
    String path = q < 0 ? full : full.substring(0, q);
    String query = q < 0 ? "" : full.substring(q + 1);
    String contentType = request.getHeader("Content-Type");
    if (contentType != null && contentType.startsWith("application/vnd.kubernetes.protobuf")) {
      // kubectl 1.2x creates pods in protobuf; the demo's store reads JSON only: say so at once (no hang)
      return ApiStatus.error(415, "UnsupportedMediaType", "the body of the request was in an unknown format - "
          + "accepted media types include: application/json, application/yaml (the demo API reads no protobuf)");
    }
    if ("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews".equals(path) && "POST".equals(request.getMethod())) {
      return accessReview(request);
    }
    Matcher sub = SUBRESOURCE.matcher(path);
    if (sub.matches()) {
      String namespace = sub.group(1);
      String pod = sub.group(2);
      return switch (sub.group(3)) {
        case "ephemeralcontainers" -> ephemeralContainers(request, namespace, pod);
        case "exec" -> exec(namespace, pod, query, false);
        default -> exec(namespace, pod, query, true);
      };
    }
    Matcher pods = PODS.matcher(path);
    boolean create = "POST".equals(request.getMethod()) && pods.matches();
    MockResponse response = next.dispatch(create ? pending(request) : request);
    if (create && response.code() == 201) {
      JsonNode created = ApiStatus.JSON.readTree(response.getBody().getBytes());
      kubelet.podCreated(pods.group(1), created.path("metadata").path("name").asString(""));
    }
    boolean podsDeleted = POD.matcher(path).matches() || pods.matches() || ALL_PODS.matcher(path).matches();
    if ("DELETE".equals(request.getMethod()) && podsDeleted && response.code() < 300) {
      for (ExecSession s : sessions) { // one pod or a collection (kubectl delete pods -l …)
        if (crud.handleGet("/api/v1/namespaces/" + s.namespace() + "/pods/" + s.pod()).code() == 404) {
          s.kill();
        }
      }
    }
    return response;
  }

  /** As the API server creates a pod: whatever status the client sent, it starts Pending (PrepareForCreate). */
  private static RecordedRequest pending(RecordedRequest request) {
    JsonNode pod;
    try {
      pod = request.getBody() == null ? null : ApiStatus.JSON.readTree(request.getBody().getBytes());
    } catch (RuntimeException e) {
      return request; // CRUD answers the unreadable body
    }
    if (!(pod instanceof ObjectNode object) || pod.path("status").path("phase").isString()) {
      return request; // the demo's own seeds and replacements arrive with the status they should have
    }
    object.putObject("status").put("phase", "Pending").put("qosClass", "BestEffort");
    return new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(), request.getHeaders(),
        new Buffer(ApiStatus.JSON.writeValueAsBytes(object)));
  }

  private synchronized MockResponse ephemeralContainers(RecordedRequest request, String namespace, String name) {
    String podPath = "/api/v1/namespaces/" + namespace + "/pods/" + name;
    MockResponse current = crud.handleGet(podPath);
    if (current.code() != 200) {
      return ApiStatus.notFound("pods", name);
    }
    String method = request.getMethod();
    if ("GET".equals(method)) {
      return current.setHeader("Content-Type", "application/json");
    }
    if (!"PATCH".equals(method) && !"PUT".equals(method)) {
      return ApiStatus.error(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
    }
    JsonNode old = ApiStatus.JSON.readTree(current.getBody().getBytes());
    JsonNode proposed;
    try {
      proposed = "PUT".equals(method) ? ApiStatus.JSON.readTree(request.getUtf8Body())
          : Patches.apply(request.getHeader("Content-Type"), request.getUtf8Body(), old);
    } catch (Patches.PatchException e) {
      return ApiStatus.error(e.code, e.reason, e.getMessage());
    } catch (RuntimeException e) {
      return ApiStatus.error(400, "BadRequest", "the body of the request could not be decoded: " + e.getMessage());
    }
    String wantedVersion = proposed.path("metadata").path("resourceVersion").asString("");
    String version = old.path("metadata").path("resourceVersion").asString("");
    if (!wantedVersion.isEmpty() && !wantedVersion.equals(version)) {
      return ApiStatus.error(409, "Conflict", "Operation cannot be fulfilled on pods \"" + name + "\": the object has "
          + "been modified; please apply your changes to the latest version and try again");
    }
    // a 1.16-1.21 client PUTs an EphemeralContainers object; newer ones send the Pod
    JsonNode list = "EphemeralContainers".equals(proposed.path("kind").asString(""))
        ? proposed.path("ephemeralContainers") : proposed.path("spec").path("ephemeralContainers");
    ArrayNode containers = list.isArray() ? ((ArrayNode) list).deepCopy() : ApiStatus.JSON.createArrayNode();
    EphemeralContainerRules.applyDefaults(containers);
    var errors = EphemeralContainerRules.check(old, containers);
    if (!errors.isEmpty()) {
      return ApiStatus.invalid("Pod", name, errors);
    }
    // only the ephemeral containers change through this subresource: everything else stays as it was
    ObjectNode updated = ((ObjectNode) old).deepCopy();
    ((ObjectNode) updated.get("spec")).set("ephemeralContainers", containers);
    MockResponse stored = crud.handleUpdate(new RecordedRequest("HTTP/1.1", HttpMethod.PUT, podPath,
        Headers.builder().add("Content-Type", "application/json").build(),
        new Buffer(ApiStatus.JSON.writeValueAsBytes(updated))));
    if (stored.code() < 300 && containers.size() > old.path("spec").path("ephemeralContainers").size()) {
      kubelet.ephemeralContainersAdded(namespace, name);
    }
    return stored.setHeader("Content-Type", "application/json"); // kubectl would read a bare body as protobuf
  }

  private MockResponse exec(String namespace, String name, String query, boolean attach) {
    MockResponse current = crud.handleGet("/api/v1/namespaces/" + namespace + "/pods/" + name);
    if (current.code() != 200) {
      return ApiStatus.notFound("pods", name);
    }
    JsonNode pod = ApiStatus.JSON.readTree(current.getBody().getBytes());
    List<String> command = new ArrayList<>();
    String container = null;
    boolean stdin = false;
    boolean stdout = false;
    boolean stderr = false;
    boolean tty = false;
    for (String param : query.isEmpty() ? new String[0] : query.split("&")) {
      int eq = param.indexOf('=');
      String key = eq < 0 ? param : param.substring(0, eq);
      String value = eq < 0 ? "" : URLDecoder.decode(param.substring(eq + 1), StandardCharsets.UTF_8);
      boolean on = value.equals("true") || value.equals("1");
      switch (key) {
        case "command" -> command.add(value);
        case "container" -> container = value;
        case "stdin" -> stdin = on;
        case "stdout" -> stdout = on;
        case "stderr" -> stderr = on;
        case "tty" -> tty = on;
        default -> {
          // other options (e.g. input) do not change what the demo does
        }
      }
    }
    if (!stdin && !stdout && !stderr) {
      return ApiStatus.error(400, "BadRequest", "you must specify at least 1 of stdin, stdout, stderr");
    }
    if (attach) {
      command = List.of("sh"); // the demo's debug images run a shell as their main process
    } else if (command.isEmpty()) {
      return ApiStatus.error(400, "BadRequest", "you must specify at least one command for the container");
    }
    List<String> names = containerNames(pod);
    if (container == null || container.isEmpty()) {
      if (names.size() != 1) {
        return ApiStatus.error(400, "BadRequest", "a container name must be specified for pod " + name
            + ", choose one of: " + names);
      }
      container = names.get(0);
    }
    if (!names.contains(container)) {
      return ApiStatus.error(400, "BadRequest", "container " + container + " is not valid for pod " + name);
    }
    String node = pod.path("spec").path("nodeName").asString("");
    if (node.isEmpty()) {
      return ApiStatus.error(400, "BadRequest", "pod " + name + " does not have a host assigned");
    }
    if (!running(pod, container) || exec == null) {
      return ApiStatus.error(400, "BadRequest", "unable to upgrade connection: container not found (\"" + container + "\")");
    }
    var place = pod.path("spec").path("hostNetwork").asBoolean(false) ? ContainerExec.Place.HOST : ContainerExec.Place.POD;
    var request = new ExecSession.Request(namespace, name, container, image(pod, container), node,
        runtime(pod, container), place,
        List.copyOf(command), stdin, stdout, stderr, tty);
    return new MockResponse().withWebSocketUpgrade(new ExecSession(request, exec, sessions));
  }

  private static List<String> containerNames(JsonNode pod) {
    List<String> names = new ArrayList<>();
    for (String list : List.of("containers", "initContainers", "ephemeralContainers")) {
      pod.path("spec").path(list).forEach(c -> names.add(c.path("name").asString("")));
    }
    return names;
  }

  /** The image of the container (its own, an init or an ephemeral one). */
  private static String image(JsonNode pod, String container) {
    for (String list : List.of("containers", "initContainers", "ephemeralContainers")) {
      for (JsonNode c : pod.path("spec").path(list)) {
        if (c.path("name").asString("").equals(container)) {
          return c.path("image").asString("");
        }
      }
    }
    return "";
  }

  private static JsonNode status(JsonNode pod, String container) {
    for (String list : List.of("containerStatuses", "initContainerStatuses", "ephemeralContainerStatuses")) {
      for (JsonNode s : pod.path("status").path(list)) {
        if (s.path("name").asString("").equals(container)) {
          return s;
        }
      }
    }
    return ApiStatus.JSON.missingNode();
  }

  private static boolean running(JsonNode pod, String container) {
    return status(pod, container).path("state").has("running");
  }

  /** "docker", "containerd", "rkt": the scheme of the container's ID. */
  private static String runtime(JsonNode pod, String container) {
    String id = status(pod, container).path("containerID").asString("");
    return id.contains("://") ? id.substring(0, id.indexOf("://")) : "containerd";
  }

  /** Exec streams open now (tests assert none is left). */
  public int openExecs() {
    return sessions.size();
  }

  /** The terminal sizes the open exec streams were last sent ({"Width":…,"Height":…}; tests of resize). */
  public java.util.List<String> terminalSizes() {
    return sessions.stream().map(ExecSession::terminalSize).toList();
  }

  @Override
  public void shutdown() {
    close();
    next.shutdown();
  }

  @Override
  public void close() {
    kubelet.close();
    for (ExecSession s : sessions) {
      s.stop();
    }
  }
}
