package io.netdoctor.core.route;

import io.netdoctor.core.command.Command;
import io.netdoctor.core.dns.DnsInput;
import io.netdoctor.core.dns.DnsQuery;
import io.netdoctor.core.dns.DnsQueryException;
import io.netdoctor.core.kube.PodRef;
import io.netdoctor.core.node.NodeAccessException;
import io.netdoctor.core.node.RemoteResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "Resolve from inside this pod": `dig +search NAME TYPE` run in the pod's NetDoctor debug container, so the question
 * travels as the pod's own would (UDP, the pod's /etc/resolv.conf: its nameserver, search list and ndots) — the path a
 * port-forward from the workstation cannot test. An image without dig is asked with `nslookup` instead; one with
 * neither is said so in one line.
 */
public final class DigInPod {

  /** dig waits this long in all (3 tries of 5 s for an unreachable server, then its "no servers" line). */
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_*]([A-Za-z0-9_.*-]*[A-Za-z0-9_.])?");
  private static final Pattern STATUS = Pattern.compile("status: ([A-Z]+)");
  private static final Pattern ANSWERS = Pattern.compile("ANSWER: (\\d+)");
  private static final Pattern QUERY_TIME = Pattern.compile(";; Query time: (\\d+) msec");
  private static final Pattern SERVER = Pattern.compile(";; SERVER: ([^\\s(]+)");
  private static final Pattern NSLOOKUP_FAIL = Pattern.compile("\\*\\* server can't find [^:]+: ([A-Z]+)");

  /**
   * What came back: the tool that asked (dig or nslookup), the command as typed in the container, its output as
   * printed, and what the pane's badge shows (status NOERROR/NXDOMAIN/…, or NO ANSWER when no server answered).
   */
  public record Answer(PodRef pod, String container, String tool, Command command, int exitStatus, String text,
      String status, int answers, String server, String queryTime) {

    /** A DNS answer came back (any status): false when no server could be reached. */
    public boolean answered() {
      return !status.equals("NO ANSWER");
    }

    /** "NOERROR, 1 answer" as the history and the session report show it. */
    public String outcome() {
      return answered() ? status + ", " + io.netdoctor.core.text.Plural.of(answers, "answer")
          : "no DNS server answered (" + tool + " exit status " + exitStatus + ")";
    }
  }

  private DigInPod() {
  }

  /** The name and type checked before anything is added to the pod: one line for bad input. */
  public static void check(String name, String type) {
    String n = name == null ? "" : name.strip();
    if (n.isEmpty()) {
      throw new DnsQueryException(DnsQueryException.Kind.INVALID_NAME,
          "Type the name the pod asks for (e.g. redis-master, or redis-master.default.svc.cluster.local).");
    }
    if (!DnsQuery.looksLikeAddress(n) && !NAME.matcher(n).matches()) {
      throw new DnsQueryException(DnsQueryException.Kind.INVALID_NAME, "'" + n + "' is not a DNS name: use letters,"
          + " digits, '-', '_' and dots.");
    }
    DnsInput.question(n, type); // the type, and a name's labels
  }

  /** `dig +search NAME [TYPE]`, or `dig +search -x ADDRESS` for an IP address. */
  static Command dig(String name, String type) {
    String n = name.strip();
    if (DnsQuery.looksLikeAddress(n)) {
      return Command.of("dig", "+search", "-x", n);
    }
    String t = type == null || type.isBlank() ? "A" : type.strip().toUpperCase(Locale.ROOT);
    return t.equals("A") ? Command.of("dig", "+search", n) : Command.of("dig", "+search", n, t);
  }

  /** `nslookup -type=TYPE NAME` (busybox and bind's nslookup both apply the search list). */
  static Command nslookup(String name, String type) {
    String n = name.strip();
    String t = DnsQuery.looksLikeAddress(n) ? "PTR" : type == null || type.isBlank() ? "A"
        : type.strip().toUpperCase(Locale.ROOT);
    return t.equals("A") ? Command.of("nslookup", n) : Command.of("nslookup", "-type=" + t, n);
  }

  /** Asks in {@code debug} (the pod's debug container); worker thread. */
  public static Answer ask(PodExec debug, String image, String name, String type) {
    check(name, type);
    List<String> tried = new ArrayList<>();
    for (Command command : List.of(dig(name, type), nslookup(name, type))) {
      RemoteResult result = debug.run(command, TIMEOUT);
      String tool = command.argv().get(0);
      if (missing(result, tool)) {
        tried.add(tool);
        continue;
      }
      return read(debug, tool, result);
    }
    throw new NodeAccessException(NodeAccessException.Failure.RUNTIME_CLI_MISSING, "The debug image " + image
        + " has no " + String.join(" and no ", tried) + ": choose an image with dig (e.g. nicolaka/netshoot) in"
        + " Node access settings.");
  }

  /** The shell's or the runtime's "not found" for the program (exit 127, or 126 with its message). */
  static boolean missing(RemoteResult result, String tool) {
    String out = result.output();
    return result.exitStatus() == 127 || (result.exitStatus() != 0 && (out.contains("executable file not found")
        || out.contains(tool + ": not found") || out.contains(tool + ": command not found")));
  }

  private static Answer read(PodExec debug, String tool, RemoteResult result) {
    String text = result.output();
    String status;
    int answers;
    if (tool.equals("dig")) {
      status = group(STATUS, text, "NO ANSWER");
      answers = Integer.parseInt(group(ANSWERS, text, "0"));
    } else {
      Matcher fail = NSLOOKUP_FAIL.matcher(text);
      status = fail.find() ? fail.group(1) : text.contains("Name:") ? "NOERROR" : "NO ANSWER";
      answers = status.equals("NOERROR") ? (int) text.lines().filter(l -> l.startsWith("Address") && !l.contains("#53")
          && !l.matches("Address:\\s+\\S+:53")).count() : 0;
    }
    return new Answer(debug.pod(), debug.container(), tool, result.command(), result.exitStatus(), text, status,
        answers, group(SERVER, text, ""), group(QUERY_TIME, text, ""));
  }

  private static String group(Pattern pattern, String text, String otherwise) {
    Matcher m = pattern.matcher(text);
    return m.find() ? m.group(1) : otherwise;
  }
}
