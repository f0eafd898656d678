package io.netdoctor.core.capture;

import io.netdoctor.core.node.NodeLab;
import io.netdoctor.core.node.RealSystem;
import io.netdoctor.support.SystemTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A {@link NodeLab} for capture tests: also needs tcpdump and ping (skipped with the reason, mandatory under CI). */
public final class CaptureLab {

  private CaptureLab() {
  }

  public static NodeLab start() throws IOException {
    requireTools();
    return new NodeLab();
  }

  /** A node whose host has no tcpdump: captures there go through the toolbox or a debug container. */
  public static NodeLab startWithoutTcpdump() throws IOException {
    requireTools();
    SystemTool.requireAt(Path.of("/usr/bin/unshare"), "util-linux");
    return new NodeLab(true);
  }

  private static void requireTools() {
    SystemTool.requireAt(Path.of("/usr/bin/tcpdump"), "tcpdump");
    SystemTool.requireAt(Path.of("/usr/bin/ping"), "iputils-ping");
  }

  /**
   * Drops the SSH connection that runs a process matching {@code marker} (pgrep -f) the hard way: kill -9 of
   * its per-connection sshd processes, as a dead link looks to the node.
   */
  public static void dropConnectionRunning(NodeLab lab, String marker) throws IOException {
    List<String> targets = RealSystem.exec("pgrep", "-f", "--", marker).output().lines()
        .filter(l -> !l.isBlank()).toList();
    for (String conn : RealSystem.exec("pgrep", "-P", String.valueOf(lab.sshdPid())).output().lines()
        .filter(l -> !l.isBlank()).toList()) {
      if (targets.stream().anyMatch(t -> descendsFrom(t, conn))) {
        RealSystem.exec("kill", "-9", conn);
      }
    }
  }

  private static boolean descendsFrom(String pid, String ancestor) {
    String p = pid;
    for (int i = 0; i < 12 && !p.isEmpty() && !p.equals("1"); i++) {
      if (p.equals(ancestor)) {
        return true;
      }
      p = RealSystem.exec("ps", "-o", "ppid=", "-p", p).output().strip();
    }
    return false;
  }

  public static void stop(NodeLab lab) throws IOException {
    if (lab != null) {
      lab.close();
    }
  }
}
