package io.netdoctor.bench;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code netdoctor pods -A -o json} against a bare fabric8 list, each a fresh JVM of its own (as a user runs them),
 * against {@link PagedPodsServer} holding 150,000 pods in 1,000 namespaces: wall time from start to exit and peak
 * RSS (VmHWM). Target: the CLI ≤ 1.5 × the bare list's time, memory bounded (it streams; the bare list holds all).
 */
public final class PodsListBenchmark {

  private static int PODS = 150_000;
  private static int NAMESPACES = 1_000;
  private static int ROUNDS = 3;

  record Run(double seconds, long peakRssKb, long count) {
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("--bare-list")) {
      bareList(args[1]);
      return;
    }
    if (Smoke.requested(args)) {
      PODS = 2_000;
      NAMESPACES = 20;
      ROUNDS = 1;
    }
    Path dir = Files.createTempDirectory("pods-bench");
    try (PagedPodsServer server = PagedPodsServer.start(PagedPodsServer.cluster(PODS, NAMESPACES))) {
      Path kubeconfig = server.kubeconfig(dir);
      Path out = dir.resolve("pods.json");
      String url = "http://127.0.0.1:" + server.port();
      System.out.printf("%,d pods in %,d namespaces served paged in key order by PagedPodsServer (127.0.0.1)%n",
          PODS, NAMESPACES);
      var bare = new ArrayList<Run>();
      var cli = new ArrayList<Run>();
      for (int round = 0; round < ROUNDS; round++) {
        bare.add(run(List.of(PodsListBenchmark.class.getName(), "--bare-list", url), dir.resolve("bare.txt")));
        Run pods = run(List.of("io.netdoctor.Launcher", "pods", "-A", "-o", "json", "--kubeconfig",
            kubeconfig.toString()), out);
        cli.add(new Run(pods.seconds(), pods.peakRssKb(), rows(out)));
        Files.deleteIfExists(out);
        System.out.printf("round %d: bare fabric8 list %.2f s, %d MB peak RSS (%,d pods); "
            + "netdoctor pods -A -o json %.2f s = %.2f x, %d MB peak RSS (%,d rows)%n", round + 1,
            bare.get(round).seconds(), bare.get(round).peakRssKb() / 1024, bare.get(round).count(),
            pods.seconds(), pods.seconds() / bare.get(round).seconds(), pods.peakRssKb() / 1024,
            cli.get(round).count());
        if (cli.get(round).count() != PODS || bare.get(round).count() != PODS) {
          throw new IllegalStateException("a process did not see every pod");
        }
      }
      Run b = median(bare);
      Run c = median(cli);
      System.out.printf("median of %d: bare %.2f s, %d MB; netdoctor %.2f s, %d MB: time %.2f x (target <= 1.5 x), "
          + "peak RSS %.2f x%n", ROUNDS, b.seconds(), b.peakRssKb() / 1024, c.seconds(), c.peakRssKb() / 1024,
          c.seconds() / b.seconds(), (double) c.peakRssKb() / b.peakRssKb());
    } finally {
      try (var files = Files.walk(dir)) {
        for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  /** The floor: a fresh fabric8 client lists every pod in one request, as a script would. */
  private static void bareList(String url) {
    try (KubernetesClient client = new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder().withMasterUrl(url).withOauthToken("bench-token").build()).build()) {
      System.out.println(client.pods().inAnyNamespace().list().getItems().size());
    }
  }

  /** A child JVM on this classpath, stdout to {@code out}; wall time to its exit and its peak RSS. */
  private static Run run(List<String> mainAndArgs, Path out) throws IOException, InterruptedException {
    var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dnetdoctor.logDir=" + out.getParent().resolve("logs"), "-cp", System.getProperty("java.class.path")));
    command.addAll(mainAndArgs);
    System.gc();
    long start = System.nanoTime();
    Process child = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    Path status = Path.of("/proc", Long.toString(child.pid()), "status");
    long peak = 0;
    while (!child.waitFor(20, java.util.concurrent.TimeUnit.MILLISECONDS)) {
      peak = Math.max(peak, hwm(status));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (child.exitValue() != 0) {
      throw new IllegalStateException(mainAndArgs + " exited with " + child.exitValue());
    }
    String text = Files.readString(out, StandardCharsets.UTF_8).strip();
    long count = text.matches("\\d+") ? Long.parseLong(text) : 0;
    return new Run(seconds, peak, count);
  }

  private static long hwm(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (IOException | RuntimeException gone) {
      // exited between the checks: the last reading stands
    }
    return 0;
  }

  private static long rows(Path json) throws IOException {
    try (var lines = Files.lines(json)) {
      return lines.filter(l -> l.startsWith("  \"namespace\" : ")).count();
    }
  }

  private static Run median(List<Run> runs) {
    var byTime = runs.stream().sorted(java.util.Comparator.comparingDouble(Run::seconds)).toList();
    var byRss = runs.stream().mapToLong(Run::peakRssKb).sorted().toArray();
    return new Run(byTime.get(byTime.size() / 2).seconds(), byRss[byRss.length / 2], 0);
  }
}
