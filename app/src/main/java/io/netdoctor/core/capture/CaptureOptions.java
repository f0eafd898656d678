package io.netdoctor.core.capture;

import io.netdoctor.core.command.Command;
import io.netdoctor.core.node.NodeAccessException;
import io.netdoctor.core.node.RemoteArgs;
import java.util.ArrayList;
import java.util.List;

/**
 * What to capture: interface, BPF filter, snap length, packet-count limit (0 = none) and whether tcpdump
 * may resolve names (off by default: `-nn`). Values are checked here; quoting is {@link Command}'s job.
 */
public record CaptureOptions(String interfaceName, String filter, int snaplen, int count, boolean resolveNames) {

  /** tcpdump's default snap length. */
  public static final int FULL_SNAPLEN = 262_144;
  static final int MAX_FILTER = 4096;

  public CaptureOptions {
    interfaceName = interfaceName == null || interfaceName.isBlank() ? "any" : interfaceName.strip();
    RemoteArgs.interfaceName(interfaceName);
    filter = filter == null ? "" : filter.strip();
    checkFilter(filter);
    if (snaplen < 0 || snaplen > FULL_SNAPLEN) {
      throw refused("snap length " + snaplen + ": expected 0 (full packets) to " + FULL_SNAPLEN);
    }
    if (count < 0) {
      throw refused("packet count " + count + ": expected 0 (no limit) or more");
    }
  }

  public static CaptureOptions of(String interfaceName, String filter) {
    return new CaptureOptions(interfaceName, filter, 0, 0, false);
  }

  public CaptureOptions withCount(int n) {
    return new CaptureOptions(interfaceName, filter, snaplen, n, resolveNames);
  }

  /**
   * A BPF expression is free text for tcpdump, passed as ONE argument after `--`, so it cannot become
   * an option or shell syntax; control characters (a newline smuggling a second command) are refused.
   */
  static void checkFilter(String filter) {
    if (filter.length() > MAX_FILTER) {
      throw refused("filter of " + filter.length() + " characters: expected at most " + MAX_FILTER);
    }
    for (int i = 0; i < filter.length(); i++) {
      char c = filter.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw refused("filter with a control character at " + (i + 1) + ": expected a one-line BPF expression");
      }
    }
  }

  private static NodeAccessException refused(String what) {
    return new NodeAccessException(NodeAccessException.Failure.INVALID_INPUT,
        "Refused " + what + ". Nothing was sent to the node.");
  }

  /** `tcpdump -d` compiles the filter for this interface and prints the program: the check before starting. */
  public Command check() {
    return withFilter(new ArrayList<>(List.of("tcpdump", "-d", "-i", interfaceName)));
  }

  /**
   * The live capture: text lines at once (`--immediate-mode -l`), and with a pcap path also the same
   * packets written packet by packet (`-U -w FILE --print`), so text and file always agree.
   */
  public Command tcpdump(String pcapPath) {
    var argv = new ArrayList<>(List.of("tcpdump", "--immediate-mode", "-l"));
    if (!resolveNames) {
      argv.add("-nn");
    }
    argv.addAll(List.of("-i", interfaceName));
    if (snaplen > 0) {
      argv.addAll(List.of("-s", String.valueOf(snaplen)));
    }
    if (count > 0) {
      argv.addAll(List.of("-c", String.valueOf(count)));
    }
    if (pcapPath != null) {
      argv.addAll(List.of("-U", "-w", pcapPath, "--print"));
    }
    return withFilter(argv);
  }

  private Command withFilter(List<String> argv) {
    if (!filter.isEmpty()) {
      argv.add("--");
      argv.add(filter);
    }
    return new Command(argv);
  }
}
