package io.netdoctor.bench;

import io.netdoctor.core.dns.ClusterDns;
import io.netdoctor.core.dns.DnsQuery;
import io.netdoctor.core.dns.DnsTestCluster;
import io.netdoctor.core.dns.NamedServer;
import io.netdoctor.core.transcript.Transcript;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Latency of 1,000 sequential queries through one port-forward to a real named: the app's DNS
 * service versus {@code dig +vc +keepopen -f FILE} on the same names and the same forward.
 *
 * <pre>mvn -q -pl app test-compile exec:exec -Dbench=DnsBenchmark</pre>
 */
public final class DnsBenchmark {

  // not final: --smoke shrinks them (see Smoke)
  private static int QUERIES = 1_000;
  private static int WARM_UP_ROUNDS = Integer.getInteger("bench.warmup", 3);
  private static final Pattern QUERY_TIME = Pattern.compile(";; Query time: (\\d+) msec");

  private DnsBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    if (Smoke.requested(args)) {
      QUERIES = 20;
      WARM_UP_ROUNDS = 1;
    }
    java.util.logging.LogManager.getLogManager().reset(); // the mock server logs every request at INFO
    List<String> names = new ArrayList<>();
    String[] pool = {"frontend.default.svc.cluster.local", "_http._tcp.frontend.default.svc.cluster.local SRV",
        "www.cluster.local", "test-service.default.svc.cluster.local", "kubernetes.default.svc.cluster.local",
        "mail.cluster.local MX", "frontend.default.svc.cluster.local AAAA", "a.cluster.local"};
    for (int i = 0; i < QUERIES; i++) {
      names.add(pool[i % pool.length]);
    }
    try (NamedServer named = NamedServer.start(); DnsTestCluster cluster = new DnsTestCluster()) {
      cluster.addDnsPod("coredns-a", "10.2.0.5", named.dnsServer().address());
      try (ClusterDns dns = ClusterDns.open(cluster.client, new Transcript(), ClusterDns.Options.defaults())) {
        int port = dns.server().address().getPort();
        List<DnsQuery> queries = names.stream().map(n -> {
          String[] parts = n.split(" ");
          return DnsQuery.of(parts[0], parts.length > 1 ? parts[1] : "A");
        }).toList();
        // Warm-up: the desktop app is long-running, so measure it after the JIT has compiled the query path
        // (the first few hundred queries of a fresh JVM run 2-4 times slower).
        long[] cold = new long[QUERIES];
        long coldTotal = timed(dns, queries, cold);
        for (int round = 1; round < WARM_UP_ROUNDS; round++) {
          for (DnsQuery query : queries) {
            dns.query(query);
          }
        }
        long[] app = new long[QUERIES];
        long appTotal = timed(dns, queries, app);

        Path file = Files.createTempFile("netdoctor-bench", ".txt");
        Files.write(file, names);
        List<String> digArgs = List.of("dig", "+vc", "+keepopen", "-p", Integer.toString(port), "@127.0.0.1",
            "-f", file.toString());
        run(digArgs); // warm-up
        long digStart = System.nanoTime();
        String digOut = run(digArgs);
        long digTotal = System.nanoTime() - digStart;
        Files.delete(file);
        List<Long> digMs = new ArrayList<>();
        Matcher m = QUERY_TIME.matcher(digOut);
        while (m.find()) {
          digMs.add(Long.parseLong(m.group(1)));
        }

        if (System.getProperty("bench.verbose") != null) {
          for (int block = 0; block < QUERIES; block += 100) {
            long[] part = Arrays.copyOfRange(app, block, block + 100);
            Arrays.sort(part);
            System.out.printf("  queries %d-%d: median %.3f ms, max %.3f ms%n", block, block + 99, part[50] / 1e6,
                part[99] / 1e6);
          }
        }
        Arrays.sort(app);
        Arrays.sort(cold);
        System.out.printf("DNS benchmark: %d sequential queries through one pod port-forward (mock API server"
            + " websocket) to BIND named on 127.0.0.1%n", QUERIES);
        System.out.printf("  NetDoctor DnsQueryService (TCP kept open), warm: median %.3f ms, p99 %.3f ms, total %.0f ms%n",
            app[QUERIES / 2] / 1e6, app[QUERIES * 99 / 100] / 1e6, appTotal / 1e6);
        System.out.printf("  NetDoctor, cold (first 1,000 queries of a fresh JVM): median %.3f ms, p99 %.3f ms,"
            + " total %.0f ms%n", cold[QUERIES / 2] / 1e6, cold[QUERIES * 99 / 100] / 1e6, coldTotal / 1e6);
        long[] digSorted = digMs.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("  dig +vc +keepopen -f FILE (%d answers): median %d ms, p99 %d ms (dig prints whole ms),"
            + " total %.0f ms (process wall time)%n", digSorted.length,
            digSorted.length == 0 ? -1 : digSorted[digSorted.length / 2],
            digSorted.length == 0 ? -1 : digSorted[digSorted.length * 99 / 100], digTotal / 1e6);
        System.out.printf("  total time ratio NetDoctor/dig: %.2f (target <= 1.5); median target <= 2 ms%n",
            (double) appTotal / digTotal);
      }
    }
  }

  /** Runs the queries in order, each one's latency into {@code latencies}; returns the total in ns. */
  private static long timed(ClusterDns dns, List<DnsQuery> queries, long[] latencies) {
    long start = System.nanoTime();
    for (int i = 0; i < latencies.length; i++) {
      long t0 = System.nanoTime();
      dns.query(queries.get(i));
      latencies[i] = System.nanoTime() - t0;
    }
    return System.nanoTime() - start;
  }

  private static String run(List<String> argv) throws Exception {
    Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    return out;
  }
}
