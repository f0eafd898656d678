package io.netdoctor.core.node;

import static io.netdoctor.core.node.RealSystem.sh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * Pods as real network namespaces: a veth pair to the host, an address, and real `nc -lk` listeners
 * whose PID stands for the container's. Everything created here is removed by close().
 */
public final class PodNetworks implements AutoCloseable {

  /** One "pod": its namespace, addresses and the PID a runtime would report. */
  public record Pod(String netns, String podIp, String hostIp, long pid) {
    /** The host end of the pod's veth pair (named after the namespace). */
    public String hostInterface() {
      return "vh" + netns.substring(2);
    }

    /** The pod's end, inside the namespace. */
    public String podInterface() {
      return "vp" + netns.substring(2);
    }
  }

  private static int counter;
  private final List<String> namespaces = new ArrayList<>();
  private final List<String> hostVeths = new ArrayList<>();
  private final List<Process> listeners = new ArrayList<>();
  private final String tag = Long.toString(ProcessHandle.current().pid() % 10000, 36);

  /** A pod listening on `port` on all addresses, plus optional ports bound to 127.0.0.1 only. */
  synchronized Pod add(int port, int... localhostOnlyPorts) throws IOException {
    int n = ++counter;
    String ns = "nd" + tag + "p" + n;
    String hostVeth = "vh" + tag + "p" + n;
    String podVeth = "vp" + tag + "p" + n;
    // a second octet per test process: labs of other processes on the same machine get other subnets
    String subnet = "10." + (160 + ProcessHandle.current().pid() % 64) + "." + (100 + n) + ".";
    sh("ip", "netns", "add", ns);
    namespaces.add(ns);
    sh("ip", "link", "add", hostVeth, "type", "veth", "peer", "name", podVeth);
    hostVeths.add(hostVeth);
    sh("ip", "link", "set", podVeth, "netns", ns);
    sh("ip", "addr", "add", subnet + "1/24", "dev", hostVeth);
    sh("ip", "link", "set", hostVeth, "up");
    sh("ip", "-n", ns, "addr", "add", subnet + "2/24", "dev", podVeth);
    sh("ip", "-n", ns, "link", "set", podVeth, "up");
    sh("ip", "-n", ns, "link", "set", "lo", "up");
    Process main = listen(ns, null, port);
    for (int local : localhostOnlyPorts) {
      listen(ns, "127.0.0.1", local);
    }
    return new Pod(ns, subnet + "2", subnet + "1", main.pid());
  }

  private Process listen(String ns, String bind, int port) throws IOException {
    var argv = new ArrayList<>(List.of("ip", "netns", "exec", ns, "nc", "-lk"));
    if (bind != null) {
      argv.add(bind);
    }
    argv.add(String.valueOf(port));
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    listeners.add(p);
    // `ip netns exec` execs nc in place: the PID is the listener's, and it is in the namespace
    Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
        Files.readSymbolicLink(Path.of("/proc/" + p.pid() + "/ns/net")).toString().equals(netnsLink(ns))
            && RealSystem.exec("ip", "netns", "exec", ns, "ss", "-ltnH", "sport = :" + port).output()
                .contains(":" + port));
    return p;
  }

  /** The inode of the bind-mounted namespace file names the same namespace as /proc/PID/ns/net. */
  static String netnsLink(String ns) throws IOException {
    long inode = (Long) Files.getAttribute(Path.of("/run/netns/" + ns), "unix:ino");
    return "net:[" + inode + "]";
  }

  @Override
  public synchronized void close() {
    for (Process p : listeners) {
      p.destroy();
    }
    for (Process p : listeners) {
      try {
        if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (String veth : hostVeths) {
      RealSystem.exec("ip", "link", "del", veth);
    }
    for (String ns : namespaces) {
      RealSystem.exec("ip", "netns", "del", ns);
    }
    listeners.clear();
    hostVeths.clear();
    namespaces.clear();
  }
}
