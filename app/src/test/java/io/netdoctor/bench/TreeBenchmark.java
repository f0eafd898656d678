package io.netdoctor.bench;

import static io.netdoctor.bench.Pulses.onFx;
import static io.netdoctor.bench.Pulses.onFxUnchecked;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.netdoctor.core.kube.ClusterChange;
import io.netdoctor.core.kube.ClusterConnection;
import io.netdoctor.core.kube.MockCluster;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.ui.tree.ClusterTreeController;
import io.netdoctor.ui.tree.TreeEntry;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;

/**
 * Seeds the mock API server with NAMESPACES x PODS_PER_NAMESPACE pods and reports, in one run:
 * (a) raw list with a fresh fabric8 client (the floor), (b) connect → tree model holds every pod,
 * (c) connect → headless UI rendered the expanded tree, (d) heap after GC, (e) largest FX pulse gap
 * while 1,000 pod updates arrive in a burst.
 */
public final class TreeBenchmark {

  // not final: --smoke shrinks them (see Smoke)
  private static int NAMESPACES = Integer.getInteger("namespaces", 500);
  private static int PODS_PER_NAMESPACE = Integer.getInteger("podsPerNamespace", 20);
  private static int BURST = 1_000;
  private static int REPEATS = 5;
  /** Rounds before the measured ones: the JIT still compiles (C2, 100–500 ms each) through the second round. */
  private static int WARMUP = 2;

  public static void main(String[] args) {
    try {
      run(args);
    } catch (Throwable t) {
      t.printStackTrace();
      System.exit(1); // the FX toolkit's threads would keep the JVM alive (a hang instead of a failure)
    }
  }

  private static void run(String[] args) throws Exception {
    if (Smoke.requested(args)) {
      NAMESPACES = 5;
      PODS_PER_NAMESPACE = 10;
      BURST = 20;
      REPEATS = 1;
      WARMUP = 1;
    }
    int total = NAMESPACES * PODS_PER_NAMESPACE;
    Pulses.startHeadless();
    var tree = onFx(ClusterTreeController::new);
    var stage = onFx(() -> {
      Stage s = new Stage();
      s.setScene(new Scene(tree.view(), 1200, 900));
      s.show();
      return s;
    });
    // The machine is noisy: (a), (b) and (c) are measured in REPEATS rounds and medians reported, after
    // WARMUP rounds (the first, cold one reported on its own), as a harness's warm-up iterations would be.
    // Each round has a fresh API server: the mock server stalls for 30 s when a watching client goes away,
    // so a round's connections stay open until its server is gone, and no round carries the last one's.
    double[] as = new double[REPEATS];
    double[] bs = new double[REPEATS];
    double[] cs = new double[REPEATS];
    double coldA = 0;
    double coldB = 0;
    double coldC = 0;
    long heap = 0;
    int rows = 0;
    double burstSecs = 0;
    double maxGap = 0;
    jdk.jfr.Recording roundsJfr = null;
    for (int round = 0; round < WARMUP + REPEATS; round++) {
      if (round == WARMUP && System.getProperty("bench.jfrRounds") != null) { // profile the warm rounds
        roundsJfr = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
        roundsJfr.setDestination(java.nio.file.Path.of(System.getProperty("bench.jfrRounds")));
        roundsJfr.start();
      }
      // (a) and (b) on one server, (c) on another: a connection still open (the mock server stalls when a
      // watching client goes away, so they stay open until their server is gone) slows the next one's list,
      // and the app never has two.
      double a;
      double b;
      double c;
      List<ClusterConnection> open = new ArrayList<>();
      try (ApiServer cluster = seededServer(total, round == 0)) {
        System.gc(); // each measurement starts from a collected heap
        a = rawList(cluster);
        b = measured(() -> coreConnect(cluster, total, open), open);
      } finally {
        open.forEach(ClusterConnection::close);
        open.clear();
      }
      try (ApiServer cluster = seededServer(total, false)) {
        c = measured(() -> uiConnect(cluster, tree, total, open), open);
        if (round == 0) {
          @SuppressWarnings("unchecked")
          TreeView<TreeEntry> view = (TreeView<TreeEntry>) stage.getScene().lookup("#clusterTree");
          rows = onFx(view::getExpandedItemCount);
          // (d) and (e) while only the window's own connection is open
          System.gc();
          System.gc();
          heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
          var pulses = new Pulses().start();
          burstSecs = burstGap(cluster, tree, pulses);
          maxGap = pulses.maxGapMillis();
        }
      } finally {
        open.forEach(ClusterConnection::close);
      }
      if (round == 0) {
        coldA = a;
        coldB = b;
        coldC = c;
      } else if (round >= WARMUP) {
        as[round - WARMUP] = a;
        bs[round - WARMUP] = b;
        cs[round - WARMUP] = c;
      }
    }
    if (roundsJfr != null) {
      roundsJfr.stop();
      roundsJfr.close();
    }
    double a = median(as);
    double b = median(bs);
    double c = median(cs);
    System.out.printf("    cold first round (s): a %.3f, b %.3f = %.2f x (a), c %.3f = %.2f x (a)%n", coldA, coldB,
        coldB / coldA, coldC, coldC / coldA);
    System.out.printf("    warm runs (s): a %s, b %s, c %s%n", java.util.Arrays.toString(as),
        java.util.Arrays.toString(bs), java.util.Arrays.toString(cs));
    List<ClusterChange> updates = new ArrayList<>();
    List<ClusterChange> everything = new ArrayList<>();
    onFx(() -> {
      for (TreeItem<TreeEntry> ns : tree.model().root().getChildren().get(0).getChildren()) {
        for (TreeItem<TreeEntry> pod : ns.getChildren()) {
          if (pod.getValue() instanceof TreeEntry.PodEntry p) {
            everything.add(new ClusterChange.PodUpserted(p.pod()));
            if (updates.size() < BURST) {
              updates.add(new ClusterChange.PodUpserted(p.pod()));
            }
          }
        }
      }
      return null;
    });
    var fresh = onFx(ClusterTreeController::new);
    long fullNanos = onFx(() -> {
      fresh.begin("again", "");
      long t0 = System.nanoTime();
      fresh.model().apply(everything);
      return System.nanoTime() - t0;
    });
    int belowBulk = Math.min(TreeModelBulkLimit.BELOW_BULK, updates.size()); // --smoke has fewer
    long applyNanos = onFx(() -> {
      long t0 = System.nanoTime();
      tree.model().apply(updates.subList(0, belowBulk));
      return System.nanoTime() - t0;
    });

    System.out.printf("(a) raw list, fresh client:        %7.3f s  (%d pods)%n", a, total);
    System.out.printf("(b) connect -> model holds all:    %7.3f s  = %.2f x (a)  [target <= 1.5]%n", b, b / a);
    System.out.printf("(c) connect -> UI tree rendered:   %7.3f s  = %.2f x (a)  [target <= 2.0]  (%d rows expanded)%n",
        c, c / a, rows);
    System.out.printf("(d) heap after GC:                 %7.1f MB  [target <= 300]  (the API server runs in its own"
        + " JVM)%n", heap / 1048576.0);
    System.out.printf("(e) largest FX pulse gap, %d-update burst: %.1f ms  [target <= 100]  (burst shown in %.2f s)%n",
        BURST, maxGap, burstSecs);
    System.out.printf("    FX time to build the tree from %d pods in one batch: %.1f ms%n", everything.size(),
        fullNanos / 1e6);
    System.out.printf("    FX time to apply %d pod updates (one batch below the bulk size): %.1f ms%n",
        belowBulk, applyNanos / 1e6);
    System.out.printf("    load average while measuring: %.1f on %d cores%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Runtime.getRuntime().availableProcessors());
    System.exit(0);
  }

  /** (e): the largest gap between FX pulses while BURST pod updates arrive; returns how long they took to show. */
  private static double burstGap(ApiServer cluster, ClusterTreeController tree, Pulses pulses) throws Exception {
    awaitPulse();
    pulses.resetGaps();
    jdk.jfr.Recording jfr = null;
    if (System.getProperty("bench.jfr") != null) { // profile the burst: -Dbench.jfr=FILE
      jfr = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
      jfr.setDestination(java.nio.file.Path.of(System.getProperty("bench.jfr")));
      jfr.start();
    }
    long e0 = System.nanoTime();
    cluster.burst(BURST, NAMESPACES, PODS_PER_NAMESPACE); // made in the server, seen through the watch
    waitFor(() -> onFxUnchecked(() -> restartedPods(tree.model().root()) >= BURST), 120);
    double burstSecs = secs(e0);
    awaitPulse();
    if (jfr != null) {
      jfr.stop();
      jfr.close();
    }
    pulses.stop();
    return burstSecs;
  }

  private static double rawList(ApiServer cluster) {
    long a0 = System.nanoTime();
    try (KubernetesClient fresh = new KubernetesClientBuilder().withConfig(cluster.config("default")).build()) {
      fresh.pods().inAnyNamespace().list();
    }
    return secs(a0);
  }

  private static double coreConnect(ApiServer cluster, int total, List<ClusterConnection> open)
      throws InterruptedException {
    Set<String> seen = ConcurrentHashMap.newKeySet();
    long b0 = System.nanoTime();
    var core = new ClusterConnection("bench", cluster.config("default"), new Transcript(), change -> {
      if (change instanceof ClusterChange.PodsListed snapshot) {
        snapshot.pods().forEach(p -> seen.add(p.uid()));
        snapshot.shown().complete(null);
      } else if (change instanceof ClusterChange.PodUpserted p) {
        seen.add(p.pod().uid());
      }
    });
    open.add(core);
    core.start();
    waitFor(() -> seen.size() == total, 120);
    return secs(b0);
  }

  /** Connect → every pod in the window's tree → "Expand all" → the next pulse has rendered it. */
  private static double uiConnect(ApiServer cluster, ClusterTreeController tree, int total,
      List<ClusterConnection> open) throws Exception {
    onFx(() -> tree.begin("", "")); // the window starts empty, as on a first connect: the last round's tree goes
    awaitPulse();
    long c0 = System.nanoTime();
    var sink = onFx(() -> tree.begin("bench", cluster.config("default").getMasterUrl()));
    AtomicLong listedAt = new AtomicLong();
    AtomicLong drainedAt = new AtomicLong();
    var ui = new ClusterConnection("bench", cluster.config("default"), new Transcript(), change -> {
      if (change instanceof ClusterChange.PodsListed) {
        listedAt.set(System.nanoTime());
        sink.accept(change);
        Platform.runLater(() -> drainedAt.set(System.nanoTime())); // runs after the tree's drain
        return;
      }
      sink.accept(change);
    });
    open.add(ui);
    ui.start();
    waitFor(() -> onFxUnchecked(() -> tree.model().podCountProperty().get() == total), 120);
    double inModel = secs(c0);
    onFx(() -> {
      tree.model().setAllExpanded(true, false); // what the "Expand all" button does
      return null;
    });
    double expanded = secs(c0);
    awaitPulse();
    double rendered = secs(c0);
    System.out.printf("    (c) phases: pods listed %.3f s, drained on FX %.3f s, tree model full %.3f s, expanded %.3f s,"
        + " rendered %.3f s%n", (listedAt.get() - c0) / 1e9, (drainedAt.get() - c0) / 1e9, inModel, expanded, rendered);
    return rendered;
  }

  /** A fresh API server in its own JVM, seeded and warmed up (unmeasured lists). */
  private static ApiServer seededServer(int total, boolean report) throws Exception {
    ApiServer cluster = ApiServer.startProcess();
    long seedStart = System.nanoTime();
    seed(cluster, total);
    if (report) {
      System.out.printf("seeded %d namespaces, %d pods in %.1f s (a fresh server each time)%n", NAMESPACES, total,
          secs(seedStart));
    }
    try (KubernetesClient warm = new KubernetesClientBuilder().withConfig(cluster.config("default")).build()) {
      for (int i = 0; i < 3; i++) { // the server's JIT as warm for (c) as it is for (b) right after (a)
        warm.pods().inAnyNamespace().list();
      }
    }
    return cluster;
  }

  private interface Run {
    double seconds() throws Exception;
  }

  /** One measurement from a collected heap, then waits until its connection has settled. */
  private static double measured(Run run, List<ClusterConnection> open) throws Exception {
    System.gc();
    double seconds = run.seconds();
    settle(open);
    return seconds;
  }

  /** Waits until every open connection watches (its informers' relists are done). */
  private static void settle(List<ClusterConnection> open) throws InterruptedException {
    for (ClusterConnection c : open) {
      waitFor(() -> c.status().state() == io.netdoctor.core.kube.ConnectionStatus.State.CONNECTED, 120);
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static void seed(ApiServer cluster, int total) throws Exception {
    KubernetesClient client = cluster.client();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<CompletableFuture<?>> work = new ArrayList<>();
    for (int n = 0; n < NAMESPACES; n++) {
      String ns = String.format("ns-%03d", n);
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
      for (int p = 0; p < PODS_PER_NAMESPACE; p++) {
        Pod pod = MockCluster.pod(ns, String.format("app%02d-%05d", p % 7, n * PODS_PER_NAMESPACE + p), "Running",
            "docker://" + String.format("%064x", n * 100_000L + p));
        pod.getSpec().setNodeName("node-" + (p % 10));
        work.add(CompletableFuture.runAsync(() -> client.pods().resource(pod).create(), pool));
      }
    }
    CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
    pool.shutdown();
  }

  private static int restartedPods(TreeItem<TreeEntry> root) {
    int count = 0;
    for (TreeItem<TreeEntry> folder : root.getChildren()) {
      if (!folder.getValue().label().equals("Namespaces")) {
        continue;
      }
      for (TreeItem<TreeEntry> ns : folder.getChildren()) {
        for (TreeItem<TreeEntry> pod : ns.getChildren()) {
          if (pod.getValue() instanceof TreeEntry.PodEntry p && p.pod().restarts() > 0) {
            count++;
          }
        }
      }
    }
    return count;
  }

  private static void awaitPulse() throws InterruptedException {
    CountDownLatch pulsed = new CountDownLatch(1);
    Platform.runLater(() -> {
      AnimationTimer once = new AnimationTimer() {
        @Override
        public void handle(long now) {
          stop();
          pulsed.countDown();
        }
      };
      once.start();
    });
    pulsed.await(30, TimeUnit.SECONDS);
  }

  private static void waitFor(BooleanSupplier condition, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out");
      }
      TimeUnit.MILLISECONDS.sleep(5);
    }
  }

  private static double secs(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
