package io.netdoctor.core.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.netdoctor.demo.api.ClosesOffTheEventLoop;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/** fabric8's mock API server in CRUD mode on 127.0.0.1, optionally behind a dispatcher that refuses some paths. */
public final class MockCluster implements AutoCloseable {

  private static final java.util.logging.Logger QUIET = quiet();

  private final KubernetesMockServer server;
  private final MockWebServer web = new MockWebServer();
  private final NamespacedKubernetesClient client;

  private MockCluster(int port, Function<KubernetesCrudDispatcher, Dispatcher> wrap) {
    this(port, wrap, false);
  }

  private MockCluster(int port, Function<KubernetesCrudDispatcher, Dispatcher> wrap, boolean https) {
    server = new KubernetesMockServer(new Context(), web, new HashMap<>(),
        new ClosesOffTheEventLoop(wrap.apply(new KubernetesCrudDispatcher())), https);
    server.init(InetAddress.getLoopbackAddress(), port);
    client = server.createClient();
  }

  public static MockCluster start() {
    return new MockCluster(0, crud -> crud);
  }

  public static MockCluster startOn(int port) {
    return new MockCluster(port, crud -> crud);
  }

  /** CRUD behind {@code wrap}: a test dispatcher serves what CRUD cannot express (exec, subresources, admission). */
  public static MockCluster wrapping(Function<KubernetesCrudDispatcher, Dispatcher> wrap) {
    return new MockCluster(0, wrap);
  }

  /** Speaks HTTPS with a self-signed certificate of its own (each server a different one). */
  public static MockCluster https() {
    return new MockCluster(0, crud -> crud, true);
  }

  /** The PEM file of an {@link #https()} server's certificate, for a kubeconfig's certificate-authority. */
  public String certificate() {
    return web.getSelfSignedCertificate().certificatePath();
  }

  /** Answers {@code status} (401, 403…) for requests matching {@code refused}; the rest goes to CRUD. */
  public static MockCluster refusing(Predicate<RecordedRequest> refused, int status) {
    return new MockCluster(0, crud -> new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (refused.test(request)) {
          return new MockResponse().setResponseCode(status).setBody("""
              {"kind":"Status","apiVersion":"v1","status":"Failure","message":"%s","reason":"%s","code":%d}"""
              .formatted(status == 403 ? "namespaces is forbidden: User 'dev' cannot list resource" : "Unauthorized",
                  status == 403 ? "Forbidden" : "Unauthorized", status));
        }
        return crud.dispatch(request);
      }
    });
  }

  /**
   * Holds back every answer's body for {@code delay} while {@code hanging} says so: a server that still accepts
   * connections but no longer answers (overloaded, or a network that drops the replies).
   */
  public static MockCluster hanging(java.util.function.BooleanSupplier hanging, java.time.Duration delay) {
    return new MockCluster(0, crud -> new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        MockResponse response = crud.dispatch(request);
        return hanging.getAsBoolean() ? response.setBodyDelay(delay) : response;
      }
    });
  }

  public NamespacedKubernetesClient client() {
    return client;
  }

  public int port() {
    return server.getPort();
  }

  /** A kubeconfig whose only context, {@code mock}, points at this server (no credentials). */
  public String kubeconfig(String namespace) {
    return kubeconfig(port(), namespace);
  }

  /** The same for a mock server on {@code port} of 127.0.0.1, in this process or another. */
  public static String kubeconfig(int port, String namespace) {
    return """
        apiVersion: v1
        kind: Config
        clusters: [{name: mock, cluster: {server: "http://127.0.0.1:%d"}}]
        users: [{name: mock, user: {}}]
        contexts: [{name: mock, context: {cluster: mock, user: mock, namespace: %s}}]
        current-context: mock
        """.formatted(port, namespace);
  }

  public java.nio.file.Path writeKubeconfig(java.nio.file.Path file) throws java.io.IOException {
    return java.nio.file.Files.writeString(file, kubeconfig("default"));
  }

  public Config config(String namespace) {
    return config(port(), namespace);
  }

  public static Config config(int port, String namespace) {
    return KubeconfigCatalog.interactive(Config.fromKubeconfig(kubeconfig(port, namespace)));
  }

  public Pod createPod(String namespace, String name, String phase, String containerId) {
    Pod pod = pod(namespace, name, phase, containerId);
    return client.pods().inNamespace(namespace).resource(pod).create();
  }

  public static Pod pod(String namespace, String name, String phase, String containerId) {
    return new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name)
        .withUid(namespace + "-" + name).addToLabels("app", name.split("-")[0]).endMetadata()
        .withNewSpec().withNodeName("node-1").addNewContainer().withName("main").withImage("busybox")
        .addNewPort().withContainerPort(8080).endPort().endContainer().endSpec()
        .withNewStatus().withPhase(phase).withPodIP("10.9.0.1").addNewContainerStatus().withName("main")
        .withContainerID(containerId).withReady("Running".equals(phase)).withRestartCount(0).endContainerStatus()
        .endStatus().build();
  }

  private static java.util.logging.Logger quiet() {
    var logger = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver.MockWebServer");
    logger.setLevel(java.util.logging.Level.OFF);
    return logger;
  }

  /**
   * Stops the server. MockWebServer gives Vert.x 5's {@code HttpServer.close()} 10 s, but that close completes only
   * once every WebSocket (a watch) has finished its closing handshake, and Vert.x itself waits up to its
   * {@code webSocketClosingTimeout}, also 10 s, for a client that does not answer the Close frame (one closing
   * at the same moment, or a loaded machine): the two deadlines race and MockWebServer throws "Unable to close
   * MockWebServer" although the server is about to close. Here that one case waits for the close to really
   * complete (up to 60 s) and then closes Vert.x; a connection that still stays open is a real failure and throws.
   */
  @Override
  public void close() {
    client.close();
    try {
      server.destroy();
    } catch (IllegalStateException e) {
      if (!"Unable to close MockWebServer".equals(e.getMessage())
          || !(e.getCause() instanceof java.util.concurrent.TimeoutException)) {
        throw e;
      }
      finishShutdown(e);
    }
  }

  private void finishShutdown(IllegalStateException timedOut) {
    try {
      var http = (io.vertx.core.http.HttpServer) webField("httpServer");
      var vertx = (io.vertx.core.Vertx) webField("vertx");
      http.close().toCompletionStage().toCompletableFuture().get(60, java.util.concurrent.TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(60, java.util.concurrent.TimeUnit.SECONDS);
    } catch (ReflectiveOperationException | java.util.concurrent.ExecutionException
        | java.util.concurrent.TimeoutException e) {
      timedOut.addSuppressed(e);
      throw timedOut;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw timedOut;
    }
  }

  private Object webField(String name) throws ReflectiveOperationException {
    var field = MockWebServer.class.getDeclaredField(name);
    field.setAccessible(true);
    return field.get(web);
  }
}
