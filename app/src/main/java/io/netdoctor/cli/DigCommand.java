package io.netdoctor.cli;

import io.netdoctor.core.dns.ClusterDns;
import io.netdoctor.core.dns.DnsAnswer;
import io.netdoctor.core.dns.DnsLookup;
import io.netdoctor.core.dns.DnsQuery;
import io.netdoctor.core.dns.DnsQueryException;
import io.netdoctor.core.dns.DnsQueryService;
import io.netdoctor.core.dns.DnsServer;
import io.netdoctor.core.dns.DnsTransport;
import io.netdoctor.core.kube.ClusterAccess;
import io.netdoctor.core.kube.KubeErrors;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.core.transcript.TranscriptEntry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.xbill.DNS.Name;
import org.xbill.DNS.ResolverConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "dig", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Ask a DNS server like BIND's dig 9.18: same options, same output.",
        "  dig [@SERVER] [-p PORT] [+vc|+tcp] [+norecurse] NAME [TYPE]",
        "  dig --cluster [--kubeconfig FILE] [--context NAME] NAME [TYPE]"})
final class DigCommand implements Callable<Integer> {

  /** dig's exit status when no server answered. */
  static final int NO_REPLY = 9;
  /** dig's exit status for a usage error. */
  static final int BAD_INPUT = 10;
  private static final Name LOCAL = Name.fromConstantString("local.");

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "-p", paramLabel = "PORT", description = "Server port (default 53).")
  Integer port;

  @Option(names = "-f", paramLabel = "FILE", description = "Batch mode: one query per line, over one connection.")
  Path batchFile;

  @Option(names = "-x", paramLabel = "ADDR", description = "Reverse lookup: the PTR record of an IP address.")
  String reverse;

  @Option(names = "-t", paramLabel = "TYPE", description = "Record type (as a positional TYPE).")
  String type;

  @Option(names = "--cluster", description = "Ask the cluster's DNS (k8s-app=kube-dns) through a port-forward.")
  boolean cluster;

  @picocli.CommandLine.Mixin
  KubeOptions kube = new KubeOptions();

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "3", description = "Time limit per query (default 3).")
  double timeoutSeconds;

  @Parameters(paramLabel = "ARG", arity = "0..*",
      description = "@SERVER, +vc, +tcp, +norecurse, +ignore, -x ADDR, NAME, TYPE in dig's free order.")
  List<String> words = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    DigArguments global;
    List<List<String>> lines = new ArrayList<>();
    try {
      global = new DigArguments().read(words);
      if (reverse != null) {
        global.reverse = reverse;
      }
      if (type != null) {
        global.type = type;
      }
      if (batchFile != null) {
        for (String line : Files.readAllLines(batchFile)) {
          if (!line.isBlank() && !line.stripLeading().startsWith(";")) {
            lines.add(List.of(line.strip().split("\\s+")));
          }
        }
      } else {
        lines.add(List.of());
      }
    } catch (DnsQueryException | IOException e) {
      return fail(err, e);
    }
    Transcript transcript = new Transcript();
    try (AutoCloseable printer = transcript.subscribe(entry -> printEquivalent(err, entry));
        ClusterAccess access = cluster ? openAccess(global) : null;
        DnsLookup lookup = cluster ? openCluster(access, transcript) : openServer(global)) {
      int status = 0;
      boolean first = true;
      for (List<String> line : lines) {
        status = Math.max(status, runOne(out, err, lookup, global, line, first));
        first = false;
      }
      out.flush();
      return status;
    } catch (DnsQueryException e) {
      return fail(err, e);
    }
  }

  private int runOne(PrintWriter out, PrintWriter err, DnsLookup lookup, DigArguments global, List<String> line,
      boolean first) {
    DnsQuery query;
    try {
      DigArguments args = global.copy().read(line);
      if (args.server != null && !args.server.equals(global.server)) {
        throw new DnsQueryException(DnsQueryException.Kind.BAD_INPUT,
            "a batch line cannot change the server (one connection per run): @" + args.server);
      }
      query = (line.isEmpty() ? global : args).query();
    } catch (DnsQueryException e) {
      return fail(err, e);
    }
    DnsAnswer answer;
    try {
      answer = lookup.query(query);
    } catch (DnsQueryException e) {
      banner(out, line, first, global);
      out.flush();
      err.println(";; " + e.getMessage());
      err.println(";; no servers could be reached");
      err.flush();
      return NO_REPLY;
    }
    if (answer.retriedOverTcp()) {
      out.println(";; Truncated, retrying in TCP mode.");
    }
    banner(out, line, first, global);
    out.println(";; Got answer:");
    if (query.name().subdomain(LOCAL)) {
      out.println(";; WARNING: .local is reserved for Multicast DNS");
      out.println(";; You are currently testing what happens when an mDNS query is leaked to DNS");
    }
    out.print(answer.text());
    out.println();
    out.flush();
    return 0;
  }

  private void banner(PrintWriter out, List<String> line, boolean first, DigArguments global) {
    out.println();
    List<String> shown = line.isEmpty() ? spec.commandLine().getParseResult().originalArgs() : line;
    if (!shown.isEmpty() && shown.get(0).equals("dig")) {
      shown = shown.subList(1, shown.size());
    }
    out.println("; <<>> NetDoctor dig <<>> " + String.join(" ", shown));
    if (first && global.server != null) {
      out.println("; (1 server found)");
    }
    if (first) {
      out.println(";; global options: +cmd");
    }
  }

  private DnsQueryService openServer(DigArguments global) {
    String host = global.server != null ? global.server : systemNameserver();
    DnsServer server = DnsServer.of(host, port != null ? port : DnsServer.DNS_PORT);
    var options = new DnsQueryService.Options(Boolean.TRUE.equals(global.tcp) ? DnsTransport.TCP : DnsTransport.UDP,
        timeout(), !Boolean.TRUE.equals(global.ignoreTruncation));
    return new DnsQueryService(server, options);
  }

  /** The kubeconfig and context are checked (a failure exits 1, as in every command) before any DNS work. */
  private ClusterAccess openAccess(DigArguments global) {
    if (global.server != null || port != null) {
      throw new DnsQueryException(DnsQueryException.Kind.BAD_INPUT, "--cluster picks the server: drop @SERVER and -p");
    }
    return kube.open();
  }

  private ClusterDns openCluster(ClusterAccess access, Transcript transcript) {
    return ClusterDns.open(access, transcript, new ClusterDns.Options(ClusterDns.DEFAULT_DOMAIN, timeout())
        .aimedAt(access.target().kubectlFlags()));
  }

  private Duration timeout() {
    if (!(timeoutSeconds > 0)) {
      throw new DnsQueryException(DnsQueryException.Kind.BAD_INPUT, "--timeout must be positive");
    }
    return Duration.ofMillis(Math.round(timeoutSeconds * 1000));
  }

  private static String systemNameserver() {
    var servers = ResolverConfig.getCurrentConfig().servers();
    if (servers.isEmpty()) {
      throw new DnsQueryException(DnsQueryException.Kind.BAD_INPUT, "no nameserver in /etc/resolv.conf: give @SERVER");
    }
    return servers.get(0).getAddress().getHostAddress();
  }

  private static void printEquivalent(PrintWriter err, TranscriptEntry entry) {
    String prefix = entry.kind() == TranscriptEntry.Kind.COMMAND ? ";; equivalent: " : ";; ";
    err.println(prefix + entry.text());
    err.flush();
  }

  /** Like dig: 10 for bad input, 9 when no server could be asked (no DNS pod, API unreachable, ...). */
  private int fail(PrintWriter err, Exception e) {
    err.println("netdoctor: " + (e instanceof DnsQueryException ? e.getMessage() : KubeErrors.describe(e)));
    if (kube.debug) {
      e.printStackTrace(err);
    }
    err.flush();
    boolean badInput = e instanceof DnsQueryException q && (q.kind() == DnsQueryException.Kind.BAD_INPUT
        || q.kind() == DnsQueryException.Kind.INVALID_NAME || q.kind() == DnsQueryException.Kind.UNKNOWN_TYPE)
        || e instanceof IOException;
    return badInput ? BAD_INPUT : NO_REPLY;
  }
}
