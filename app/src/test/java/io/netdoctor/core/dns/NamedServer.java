package io.netdoctor.core.dns;

import static org.awaitility.Awaitility.await;

import io.netdoctor.support.SystemTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real BIND named on 127.0.0.1 serving cluster.local and 10.in-addr.arpa from a temp folder.
 * Test classes get one shared instance with {@code @ExtendWith(NamedServer.Shared.class)} and a
 * {@code NamedServer} parameter; it is stopped when the whole test run ends.
 */
public final class NamedServer implements AutoCloseable {

  /**
   * Starts named once per test run and stops it at the end (JUnit root store). Without BIND the class is skipped
   * with the reason (an execution condition, so reports count its tests as skipped); under CI it is not skipped
   * and fails in {@code beforeAll}. Never from the parameter resolver, where JUnit reports an abort as an error.
   */
  public static final class Shared implements ExecutionCondition, BeforeAllCallback, ParameterResolver {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      for (String[] tool : new String[][] {{"named", "bind9"}, {"dig", "bind9-dnsutils"}}) {
        if (SystemTool.find(tool[0]) == null && !SystemTool.ci()) {
          String reason = SystemTool.missing(tool[0], tool[1]);
          System.err.println("SKIPPED: " + reason);
          return ConditionEvaluationResult.disabled(reason);
        }
      }
      return ConditionEvaluationResult.enabled("BIND is installed (or CI makes it mandatory)");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
      server(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == NamedServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return server(context);
    }

    private static NamedServer server(ExtensionContext context) {
      var store = context.getRoot().getStore(ExtensionContext.Namespace.create(NamedServer.class));
      return store.getOrComputeIfAbsent("named", key -> new Handle(startUnchecked()), Handle.class).server();
    }

    private static NamedServer startUnchecked() {
      try {
        return start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private record Handle(NamedServer server) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    @Override
    public void close() throws IOException {
      server.close();
    }
  }


  static final String SOA = "ns.dns.cluster.local. hostmaster.skydns.local. 1461927600 28800 7200 604800 60";

  private final Path dir;
  private final Process process;
  private final int port;

  private NamedServer(Path dir, Process process, int port) {
    this.dir = dir;
    this.process = process;
    this.port = port;
  }

  /**
   * Starts named on a free port. A port free when chosen can be taken before named binds it (another suite's named,
   * or any UDP socket: a TCP-free port says nothing of UDP); named then runs without listening there, and another
   * server may answer on it. So named is started again on another port until it listens on both.
   */
  public static NamedServer start() throws IOException {
    for (int attempt = 1; ; attempt++) {
      NamedServer server = startOnce();
      String log = Files.readString(server.dir.resolve("named.log"));
      if (!log.contains("address in use") && !log.contains("interface ignored") || attempt == 5) {
        return server;
      }
      server.close();
    }
  }

  private static NamedServer startOnce() throws IOException {
    Path named = SystemTool.require("named", "bind9");
    SystemTool.require("dig", "bind9-dnsutils");
    Path dir = Files.createTempDirectory("netdoctor-named");
    int port = freePort();
    Files.writeString(dir.resolve("named.conf"), """
        options {
          directory "%1$s";
          pid-file "%1$s/named.pid";
          listen-on port %2$d { 127.0.0.1; };
          listen-on-v6 { none; };
          recursion no;
          dnssec-validation no;
          rrset-order { order none; };
        };
        controls { };
        zone "cluster.local" { type master; file "%1$s/cluster.local.zone"; };
        zone "10.in-addr.arpa" { type master; file "%1$s/reverse.zone"; };
        """.formatted(dir, port));
    var zone = new StringBuilder("""
        $TTL 30
        @ 60 IN SOA %s
        @ IN NS ns.dns
        ns.dns IN A 10.3.0.10
        kube-dns.kube-system.svc IN A 10.3.0.10
        kubernetes.default.svc IN A 10.3.0.1
        frontend.default.svc IN A 10.3.0.119
        frontend.default.svc IN AAAA 2001:db8::119
        v6.default.svc IN AAAA 2001:db8:0:1:0:0:0:1
        v6.default.svc IN AAAA ::ffff:10.1.2.3
        _http._tcp.frontend.default.svc IN SRV 0 100 80 frontend.default.svc
        www IN CNAME web
        web IN CNAME frontend.default.svc
        mail IN MX 10 mx1
        mx1 IN A 10.3.0.25
        quoted IN TXT "hello world" "second \\"quoted\\" string" "tab\\009byte"
        a IN A 10.0.0.1
        """.formatted(SOA));
    String chunk = "abcdefghijklmnopqrstuvwxyz".repeat(9);
    zone.append("large IN TXT");
    for (int i = 0; i < 6; i++) {
      zone.append(" \"").append(chunk, 0, 230).append('"');
    }
    zone.append('\n');
    for (int i = 1; i <= 90; i++) {
      zone.append("many IN A 10.9.0.").append(i).append('\n');
    }
    String name = "x";
    for (int i = 1; i <= 20; i++) {
      zone.append(name).append(" IN A 10.1.1.").append(i).append('\n');
      name += (char) ('a' + i % 26);
    }
    Files.writeString(dir.resolve("cluster.local.zone"), zone);
    Files.writeString(dir.resolve("reverse.zone"), """
        $TTL 30
        @ IN SOA %s
        @ IN NS ns.dns.cluster.local.
        119.0.3.10 IN PTR frontend.default.svc.cluster.local.
        10.0.3.10 IN PTR kube-dns.kube-system.svc.cluster.local.
        """.formatted(SOA));
    Path log = dir.resolve("named.log");
    Process process = new ProcessBuilder(named.toString(), "-g", "-c", dir.resolve("named.conf").toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    var server = new NamedServer(dir, process, port);
    try {
      await("named on 127.0.0.1#" + port).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
          .until(() -> {
            if (!process.isAlive()) {
              throw new IllegalStateException("named exited: " + Files.readString(log));
            }
            return Files.readString(log).contains("running");
          });
      if (Files.readString(log).contains("not loaded due to errors")) {
        throw new IllegalStateException("named rejected a zone: " + Files.readString(log));
      }
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  public int port() {
    return port;
  }

  public DnsServer dnsServer() {
    return DnsServer.of("127.0.0.1", port);
  }

  public boolean isRunning() {
    return process.isAlive();
  }

  /** A port of 127.0.0.1 free for both TCP and UDP now (DNS needs both). */
  public static int freePort() throws IOException {
    while (true) {
      try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
          var udp = new java.net.DatagramSocket(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(),
              socket.getLocalPort()))) {
        return udp.getLocalPort();
      } catch (java.net.BindException udpTaken) {
        // that port's UDP side is in use: another one
      }
    }
  }

  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
