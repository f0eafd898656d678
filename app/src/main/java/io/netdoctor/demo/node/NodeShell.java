package io.netdoctor.demo.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a demo node does with a command line it receives over SSH: splits it into words (no shell runs
 * on the workstation), unwraps what NetDoctor wraps commands in (the stdin-EOF guard, `exec`, `sudo -n`,
 * `nsenter -n -t PID`, the portable `sh -c 'if command -v nc …'` port check) and hands the argument list
 * to the simulated program. An interactive `sh` takes one simple command per line.
 */
public final class NodeShell {

  /**
   * The guard (core/node RemoteProcess.guard) puts the command text between these two markers, in a script that
   * begins with GUARD_OPENING; only that script is the guard (a script that runs it, `exec /bin/sh -c 'GUARD'`, still
   * carries its text quoted, so a shell unquotes it first).
   */
  private static final String GUARD_OPENING = "exec 3<&0 </dev/null; ";
  private static final String GUARD_START = "{ read r; { ";
  private static final String GUARD_END = "\n} 3<&-; s=$?; kill $r 2>/dev/null; exit $s; }";
  /** The portable port check (core/node PortChecks) execs this when nc is there. */
  private static final String PORT_CHECK = "exec nc -v -z -w 2 \"$1\" \"$2\"";

  /** Programs this shell answers itself (see {@link #run}). */
  private static final java.util.Set<String> BUILTINS = java.util.Set.of("exec", "sh", "bash", "sudo", "nsenter",
      "true", "false", "help", "echo", "hostname", "command", "chroot");

  private final DemoNode node;
  private final ClusterView cluster;
  private final Map<String, Tool> tools;
  private final String hostKeyFingerprint;
  private final NodeFiles files = new NodeFiles();
  private final Processes processes = new Processes();

  /** {@code hostKeyFingerprint}: the node's host key as `ssh-keygen -lf` prints it (`SHA256:…`). */
  public NodeShell(DemoNode node, ClusterView cluster, String hostKeyFingerprint) {
    this(node, cluster, hostKeyFingerprint, new DemoTraffic(null));
  }

  /** As above, with the traffic its tcpdump shows. */
  public NodeShell(DemoNode node, ClusterView cluster, String hostKeyFingerprint, DemoTraffic traffic) {
    this.node = node;
    this.cluster = cluster;
    this.tools = Tools.forNode(node, files, processes, traffic);
    this.hostKeyFingerprint = hostKeyFingerprint;
  }

  /** Captures running now on this node (tests: Stop leaves none). */
  public int runningCaptures() {
    return processes.count();
  }

  /** Bytes the node's simulated /tmp holds (tests: closing a capture removes its pcap). */
  public long tmpBytes() {
    return files.used();
  }

  String hostKeyFingerprint() {
    return hostKeyFingerprint;
  }

  DemoNode node() {
    return node;
  }

  ClusterView cluster() {
    return cluster;
  }

  /** Runs the command line an SSH exec channel carries; returns its exit status. */
  public int runCommandLine(String text, Streams io) throws InterruptedException {
    Call call = new Call(io, this, null, false);
    try {
      return run(ShellWords.split(text), call);
    } catch (ShellWords.SyntaxException e) {
      call.err("sh: " + e.getMessage());
      return 2;
    }
  }

  /** Runs one argument list (wrappers unwrapped) as {@code call} places it. */
  int run(List<String> argv, Call call) throws InterruptedException {
    if (argv.isEmpty()) {
      return 0;
    }
    String program = argv.get(0);
    List<String> args = argv.subList(1, argv.size());
    if (!call.image().has(program)) {
      call.err("sh: " + program + ": not found"); // busybox sh's words for a program its image lacks
      return 127;
    }
    switch (program) {
      case "exec":
        return run(args, call);
      case "sh":
      case "/bin/sh":
      case "bash":
      case "/bin/bash":
        return sh(args, call);
      case "sudo":
        return sudo(args, call);
      case "nsenter":
        return nsenter(args, call);
      case "true":
        return 0;
      case "false":
        return 1;
      case "help":
        return help(call);
      case "echo":
        call.out(String.join(" ", args));
        return 0;
      case "hostname":
        call.out(node.name());
        return 0;
      case "command":
        return commandV(args, call);
      case "chroot":
        return chroot(args, call);
      default:
        break;
    }
    Tool tool = tools.get(program.substring(program.lastIndexOf('/') + 1));
    if (tool == null || (!call.inToolbox() && Tools.TOOLBOX_ONLY.contains(program))) {
      call.err("sh: " + program + ": not available on a demo node (type help for the commands it has)");
      return 127;
    }
    return tool.run(args, call);
  }

  private int sh(List<String> args, Call call) throws InterruptedException {
    if (args.isEmpty() || (args.size() == 1 && args.get(0).equals("-i"))) {
      return interactive(call);
    }
    if (!args.get(0).equals("-c") || args.size() < 2) {
      call.err("sh: demo nodes run `sh` or `sh -c COMMAND` only");
      return 2;
    }
    String script = args.get(1);
    List<String> positional = args.size() > 2 ? args.subList(3 > args.size() ? args.size() : 3, args.size())
        : List.of();
    int start = script.indexOf(GUARD_START);
    int end = script.lastIndexOf(GUARD_END);
    if (script.startsWith(GUARD_OPENING) && start >= 0 && end > start) {
      return runText(script.substring(start + GUARD_START.length(), end), call);
    }
    if (script.contains(PORT_CHECK) && positional.size() >= 2) {
      return run(List.of("nc", "-v", "-z", "-w", "2", positional.get(0), positional.get(1)), call);
    }
    if (positional.isEmpty()) {
      return runText(script, call);
    }
    call.err("sh: this script is not simulated on a demo node");
    return 2;
  }

  private int runText(String text, Call call) throws InterruptedException {
    try {
      return run(ShellWords.split(text), call);
    } catch (ShellWords.SyntaxException e) {
      call.err("sh: " + e.getMessage());
      return 2;
    }
  }

  /** A shell reading one command per stdin line until EOF or `exit`. */
  int interactive(Call call) throws InterruptedException {
    return interactive(call, "");
  }

  /**
   * As above, printing {@code prompt} before each line as a shell on a terminal does; Ctrl-C
   * ({@link Streams#interrupt()}) stops the running command and the shell reads on.
   */
  int interactive(Call call, String prompt) throws InterruptedException {
    int status = 0;
    String line;
    while (true) {
      if (!prompt.isEmpty()) {
        call.io().out().print(prompt);
      }
      if ((line = call.io().readLine()) == null) {
        return status;
      }
      List<String> words;
      try {
        words = ShellWords.split(line);
      } catch (ShellWords.SyntaxException e) {
        call.err("sh: " + e.getMessage());
        status = 2;
        continue;
      }
      if (words.isEmpty()) {
        continue;
      }
      if (words.get(0).equals("exit")) {
        return words.size() > 1 && words.get(1).matches("[0-9]{1,3}") ? Integer.parseInt(words.get(1)) : status;
      }
      status = call.io().foreground(() -> run(words, call));
      call.io().flush();
    }
  }

  private int sudo(List<String> args, Call call) throws InterruptedException {
    List<String> rest = new ArrayList<>(args);
    while (!rest.isEmpty() && rest.get(0).startsWith("-")) {
      String option = rest.remove(0);
      if (!option.equals("-n") && !option.equals("--")) {
        call.err("sudo: demo nodes take sudo -n only");
        return 1;
      }
    }
    if (rest.isEmpty()) {
      call.err("usage: sudo -n command");
      return 1;
    }
    return run(rest, call);
  }

  /** `nsenter -n -t PID [CMD...]`: the command runs in the network namespace of the pod that PID belongs to. */
  private int nsenter(List<String> args, Call call) throws InterruptedException {
    Long pid = null;
    boolean net = false;
    int i = 0;
    for (; i < args.size() && args.get(i).startsWith("-"); i++) {
      String a = args.get(i);
      if (a.startsWith("--net=")) {
        // the toolbox enters a pod's namespace through the host's /proc (CapturePlace)
        var m = java.util.regex.Pattern.compile(".*/proc/([0-9]{1,10})/ns/net").matcher(a.substring(6));
        if (!m.matches()) {
          call.err("nsenter: cannot open " + a.substring(6) + ": No such file or directory");
          return 1;
        }
        net = true;
        pid = Long.parseLong(m.group(1));
        continue;
      }
      switch (a) {
        case "-n", "--net" -> net = true;
        case "-m", "-u", "-i", "-p", "--mount", "--uts", "--ipc", "--pid" -> {
          // other namespaces do not change what the demo's tools answer
        }
        case "-t", "--target" -> {
          if (i + 1 >= args.size() || !args.get(i + 1).matches("[0-9]{1,10}")) {
            call.err("nsenter: failed to parse pid: '" + (i + 1 < args.size() ? args.get(i + 1) : "") + "'");
            return 1;
          }
          pid = Long.parseLong(args.get(++i));
        }
        default -> {
          call.err("nsenter: unrecognized option '" + a + "'");
          return 1;
        }
      }
    }
    if (pid == null) {
      call.err("nsenter: no target PID specified for --net");
      return 1;
    }
    SimPod pod = null;
    if (net) {
      pod = cluster.podByPid(node.name(), pid).orElse(null);
      if (pod == null) {
        call.err("nsenter: cannot open /proc/" + pid + "/ns/net: No such file or directory");
        return 1;
      }
    }
    List<String> rest = args.subList(i, args.size());
    Call inside = pod == null ? call : call.inNetns(pod);
    return rest.isEmpty() ? interactive(inside) : run(rest, inside);
  }

  /**
   * `chroot /host [CMD]` in a node debug pod (the host's root is mounted at /host): CMD runs with the host's
   * programs, so the toolbox-only ones are gone again. Without CMD: an interactive shell there.
   */
  private int chroot(List<String> args, Call call) throws InterruptedException {
    if (args.isEmpty()) {
      call.err("chroot: missing operand");
      return 125;
    }
    String root = args.get(0).replaceAll("/+$", "");
    if (!root.equals("/host") && !root.isEmpty()) {
      call.err("chroot: cannot change root directory to '" + args.get(0) + "': No such file or directory");
      return 125;
    }
    Call host = new Call(call.io(), this, call.netns(), root.isEmpty() && call.inToolbox());
    List<String> rest = args.subList(1, args.size());
    return rest.isEmpty() ? interactive(host) : run(rest, host);
  }

  /** Whether {@code program} exists where a call runs (a builtin, or a tool the node or toolbox has). */
  boolean knows(String program, boolean toolbox) {
    String name = program.substring(program.lastIndexOf('/') + 1);
    return BUILTINS.contains(name) || (tools.containsKey(name) && (toolbox || !Tools.TOOLBOX_ONLY.contains(name)));
  }

  /** The shell's `command -v NAME`: where the program is, or status 1 when this node (or toolbox) lacks it. */
  private int commandV(List<String> args, Call call) {
    if (args.size() != 2 || !args.get(0).equals("-v")) {
      call.err("sh: command: demo nodes answer `command -v NAME` only");
      return 2;
    }
    String name = args.get(1);
    boolean known = tools.containsKey(name) && (call.inToolbox() || !Tools.TOOLBOX_ONLY.contains(name));
    if (known) {
      call.out((name.equals("toolbox") ? "/usr/bin/" : "/usr/sbin/") + name);
    }
    return known ? 0 : 1;
  }

  private int help(Call call) {
    call.out("Demo node " + node.name() + " (" + node.osImage() + ", " + node.runtime() + "). Commands:");
    for (String line : Tools.HELP) {
      call.out("  " + line);
    }
    call.out("One simple command per line: pipes, redirections and substitutions are not simulated.");
    return 0;
  }
}
