package io.netdoctor.ui.node;

import io.netdoctor.core.kube.MockCluster;
import io.netdoctor.core.node.NodeLab;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A cluster to look at the node panes by hand (screenshots): a CRUD mock API server whose node-a resolves,
 * through DIR/.ssh/config, to a real test sshd, with the redis pod as a real network namespace.
 * Writes DIR/.kube/config and DIR/.ssh/config, then runs until its stdin closes or SIGTERM. Needs root.
 * Run it and the app with DIR as their home (see app/docs/README-nodeui.md).
 */
public final class NodeLabMain {

  private NodeLabMain() {
  }

  public static void main(String[] args) throws Exception {
    Path home = Path.of(args[0]);
    NodeLab lab = new NodeLab();
    MockCluster api = MockCluster.start();
    // SIGTERM too must remove the namespace, the listeners and sshd
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      api.close();
      try {
        lab.close();
      } catch (java.io.IOException e) {
        System.err.println("cleanup: " + e.getMessage());
      }
    }));
    lab.seedCluster(api.client(), "10.0.0.5", 6379, 8080);
    Files.createDirectories(home.resolve(".kube"));
    Files.createDirectories(home.resolve(".ssh"));
    lab.writeSshConfig(home.resolve(".ssh/config"));
    Files.writeString(home.resolve(".kube/config"), """
        apiVersion: v1
        kind: Config
        clusters: [{name: lab, cluster: {server: "http://127.0.0.1:%d"}}]
        users: [{name: lab, user: {}}]
        contexts: [{name: lab, context: {cluster: lab, user: lab}}]
        current-context: lab
        """.formatted(api.port()));
    System.out.println("READY " + home);
    while (System.in.read() >= 0) {
      // runs until stdin closes or SIGTERM
    }
    System.exit(0);
  }
}
