package io.netdoctor.ui;

import static org.awaitility.Awaitility.await;

import io.netdoctor.core.kube.ConnectionStatus;
import io.netdoctor.core.kube.NodeInfo;
import io.netdoctor.demo.DemoCluster;
import io.netdoctor.demo.DemoWorld;
import io.netdoctor.demo.node.DemoNodes;
import io.netdoctor.support.Fx;
import io.netdoctor.ui.capture.CaptureController;
import io.netdoctor.ui.dns.DnsController;
import io.netdoctor.ui.main.MainController;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TextField;

/**
 * The user actions that must leave nothing behind, done on a real main window: context switches between the demo
 * and another cluster, DNS pane open/ask/close, capture start/stop/close on a demo node. Shared by
 * the leak check (short counts) and the benchmarks (full counts).
 */
public final class LeakCycles {

  // generous: the demo starts and connects in 1-2 s on a quiet machine, at load average 30 in over 60 s
  private static final Duration WAIT = Duration.ofSeconds(180);

  private final MainController main;
  private final DnsController dns;
  private final Supplier<DemoCluster> demo;
  private final String otherContext;

  /** Threads, open file descriptors (and their kinds, to tell what stayed) and heap in use after a full GC. */
  public record Footprint(int threads, long fds, long heapBytes, java.util.SortedMap<String, Long> fdKinds) {
    public static Footprint now() {
      forgetFiredEvents();
      long heap = io.netdoctor.support.HeapAfterGc.bytes();
      var kinds = new java.util.TreeMap<String, Long>();
      try (var list = Files.list(Path.of("/proc/self/fd"))) {
        for (Path fd : list.toList()) {
          kinds.merge(kind(fd), 1L, Long::sum);
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      return new Footprint(ManagementFactory.getThreadMXBean().getThreadCount(),
          kinds.values().stream().mapToLong(Long::longValue).sum(),
          heap, kinds);
    }

    /** socket, pipe, anon_inode:[eventpoll], jar, or the file's path ("gone": closed while listed). */
    private static String kind(Path fd) {
      try {
        String target = Files.readSymbolicLink(fd).toString();
        int colon = target.indexOf(":[");
        return colon > 0 && !target.startsWith("anon_inode") ? target.substring(0, colon)
            : target.endsWith(".jar") ? "jar" : target;
      } catch (IOException e) {
        return "gone";
      }
    }

    /**
     * Back to {@code baseline}, within the slack for what comes and goes on its own: threads +3 — JIT compiler
     * threads (the JVM starts and stops up to 2 here as it compiles) and pooled workers that idle out (fabric8's,
     * vert.x's); sockets +12 — pooled keep-alive HTTP connections and SSH sessions of the moment (21 to 32 were
     * seen between phases of one clean run), while what a cycle would leave is at least two sockets a cycle (a
     * port-forward's listener and websocket, an in-process SSH connection's two ends), 20 over ten cycles; other
     * fds +6 — a font or jar JavaFX opens lazily; heap +15 % or +15 MB, whichever is more — caches the warm-up
     * filled (CSS, text layout) and the bounded records (transcript ≤ 5,000 entries, session results ≤ 500 a
     * kind). One kept capture pane is ~6.6 MB (its ring buffer), so ten fail this.
     */
    public boolean within(Footprint baseline) {
      long heapSlack = Math.max(15_000_000L, (long) (baseline.heapBytes * 0.15));
      return threads <= baseline.threads + 3 && sockets() <= baseline.sockets() + 12
          && fds - sockets() <= baseline.fds - baseline.sockets() + 6 && heapBytes <= baseline.heapBytes + heapSlack;
    }

    private long sockets() {
      return fdKinds.getOrDefault("socket", 0L);
    }

    @Override
    public String toString() {
      return "%d threads, %d fds %s, %.1f MB heap after GC".formatted(threads, fds, fdKinds, heapBytes / 1e6);
    }
  }

  /**
   * TestFX keeps every event fired on its registered stage, for as long as that stage stays registered (TestFX
   * issue 815, open in 4.0.18): each event holds its target, so every closed pane stayed reachable through the
   * scroll and action events it once fired (this was the capture cycles' "leak": +6.6 MB heap per cycle, each
   * closed pane with its ring buffer; a heap dump's path to the GC roots ran through
   * {@code FxToolkitContext.firedEvents}). Registering the same stage again starts a new, empty record; the
   * app itself runs without TestFX and never kept them.
   */
  public static void forgetFiredEvents() {
    var context = org.testfx.api.FxToolkit.toolkitContext();
    javafx.stage.Stage stage = context.getRegisteredStage();
    if (stage != null) {
      Fx.fx(() -> {
        context.setRegisteredStage(stage);
        return null;
      });
    }
  }

  public LeakCycles(MainController main, DnsController dns, Supplier<DemoCluster> demo, String otherContext) {
    this.main = main;
    this.dns = dns;
    this.demo = demo;
    this.otherContext = otherContext;
  }

  /** Shows the main window in {@code stage} and opens its cluster (the benchmarks' way to the window). */
  public static void show(javafx.stage.Stage stage, MainController main) {
    MainWindowFx.show(stage, main);
  }

  /** Switches to {@code choice} and waits until its tree says connected. */
  public void switchTo(String choice) {
    Fx.fx(() -> {
      main.switchTo(choice);
      return null;
    });
    await().atMost(WAIT).until(() -> main.connection() != null
        && Fx.fx(() -> main.tree().model().statusProperty().get().state()) == ConnectionStatus.State.CONNECTED
        && choice.equals(main.chosenContext()));
  }

  /** {@code count} switches, alternating the other cluster and the demo; ends on the demo. */
  public void contextSwitches(int count) {
    for (int i = 0; i < count; i++) {
      switchTo(i % 2 == 0 ? otherContext : MainController.DEMO_CHOICE);
    }
    switchTo(MainController.DEMO_CHOICE);
  }

  /** Opens the DNS pane, asks the demo's DNS for the frontend Service through a port-forward, closes the pane. */
  public void dnsCycles(int count) {
    for (int i = 0; i < count; i++) {
      ask();
      closeTab(dns.tab());
      await().atMost(WAIT).until(() -> !dns.isForwarding());
    }
  }

  /** Asks the demo's DNS for the frontend Service in the DNS pane (opened if closed) and waits for the answer. */
  public void ask() {
    Fx.fx(() -> {
      dns.open();
      ((TextField) main.view().lookup("#dnsName")).setText("frontend.default.svc.cluster.local");
      @SuppressWarnings("unchecked")
      ComboBox<String> types = (ComboBox<String>) main.view().lookup("#dnsType");
      types.setValue("A");
      ((Button) main.view().lookup("#dnsAsk")).fire();
      return null;
    });
    await().atMost(WAIT).until(() -> Fx.fx(() -> ((Label) main.view().lookup("#dnsStatus")).getText())
        .equals("NOERROR") && Fx.fx(() -> !main.view().lookup("#dnsAsk").isDisabled()));
  }

  /** Opens captures on the demo's Container Linux node (docker0), waits for lines, stops, closes the pane. */
  public void captureCycles(int count) throws IOException {
    DemoNodes nodes = trustedNodes();
    NodeInfo node = captureNode();
    for (int i = 0; i < count; i++) {
      CaptureController pane = startCapture(node);
      Fx.fx(() -> {
        pane.stop();
        return null;
      });
      await().atMost(WAIT).until(() -> nodes.runningCaptures() == 0);
      closeCapture(pane, nodes);
    }
  }

  /** The demo's Container Linux node, whose docker0 carries its pods' traffic (waits for it after a switch). */
  public NodeInfo captureNode() {
    await().atMost(WAIT).until(() -> main.connection() != null
        && main.connection().node(DemoWorld.COREOS_NODE).isPresent());
    return main.connection().node(DemoWorld.COREOS_NODE).orElseThrow();
  }

  /** A capture running on {@code node}'s docker0 with its first lines shown. */
  public CaptureController startCapture(NodeInfo node) {
    CaptureController pane = Fx.fx(() -> main.captures().openOnNode(node));
    Fx.fx(() -> {
      pane.setInterface("docker0");
      return null;
    });
    await().atMost(WAIT).until(() -> Fx.fx(() -> pane.tab().getContent() != null
        && pane.tab().getContent().lookup("#captureStart") instanceof Button b && !b.isDisabled()));
    Fx.fx(() -> {
      pane.start();
      return null;
    });
    await().atMost(WAIT).until(() -> Fx.fx(pane::shownLines) > 0);
    return pane;
  }

  /** Closes the pane (as its ×) and waits until nothing of it is left on the node. */
  public void closeCapture(CaptureController pane, DemoNodes nodes) {
    closeTab(pane.tab());
    await().atMost(WAIT).until(() -> Fx.fx(() -> main.captures().panes().isEmpty()) && nodes.runningCaptures() == 0
        && nodes.tmpBytes() == 0 && nodes.runningCommands() == 0);
  }

  /** The demo's node keys trusted, as an accepted prompt would; its traffic brisk. */
  public DemoNodes trustedNodes() throws IOException {
    await().atMost(WAIT).until(() -> demo.get() != null && demo.get().nodes().isPresent());
    DemoNodes nodes = demo.get().nodes().orElseThrow();
    var lines = new StringBuilder();
    for (String n : nodes.nodes()) {
      lines.append(nodes.knownHostsLine(n)).append('\n');
    }
    Files.writeString(nodes.knownHosts(), lines.toString());
    nodes.traffic().rate(100);
    return nodes;
  }

  /** As the tab's ×: removed, then its onClosed handler. */
  private static void closeTab(Tab tab) {
    Fx.fx(() -> {
      if (tab.getTabPane() != null) {
        tab.getTabPane().getTabs().remove(tab);
      }
      if (tab.getOnClosed() != null) {
        tab.getOnClosed().handle(new javafx.event.Event(tab, tab, Tab.CLOSED_EVENT));
      }
      return null;
    });
  }
}
