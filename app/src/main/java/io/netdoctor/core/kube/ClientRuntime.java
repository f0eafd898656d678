package io.netdoctor.core.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;

/**
 * The one Vert.x runtime under every fabric8 client the app makes, for the life of the app. fabric8 8.0 gives each
 * client a runtime of its own and ends it with the client; a watch whose websocket was still closing then (its
 * close frame sent, the server's answer not yet read) kept its socket open after the runtime's event loops had
 * ended, with nothing left to read the answer or to time it out: a socket in CLOSE-WAIT and the whole closed
 * client reachable, on some context switches. On a runtime that stays up, a closing websocket finishes its
 * handshake (or Vert.x's closing timeout ends it), and switching contexts no longer starts and stops event-loop
 * threads.
 */
final class ClientRuntime {

  private static final String JVM_RESOLVER = "vertx.disableDnsResolver";
  private static final Vertx VERTX = create();
  private static final Vertx5HttpClientFactory FACTORY = new Vertx5HttpClientFactory(VERTX);

  private ClientRuntime() {
  }

  /**
   * As fabric8 makes its own: daemon threads, no file cache, and host names resolved by the JVM (hosts files and
   * a VPN's resolver apply) rather than Vert.x's own DNS client, which reads that switch once, at creation.
   */
  private static Vertx create() {
    var options = new VertxOptions().setUseDaemonThread(true)
        .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false));
    synchronized (JVM_RESOLVER) {
      String before = System.getProperty(JVM_RESOLVER);
      System.setProperty(JVM_RESOLVER, "true");
      try {
        return Vertx.vertx(options);
      } finally {
        if (before == null) {
          System.clearProperty(JVM_RESOLVER);
        } else {
          System.setProperty(JVM_RESOLVER, before);
        }
      }
    }
  }

  /** The client {@code builder} describes, on the shared runtime (closing the client leaves the runtime up). */
  static KubernetesClient client(KubernetesClientBuilder builder) {
    return builder.withHttpClientFactory(FACTORY).build();
  }
}
