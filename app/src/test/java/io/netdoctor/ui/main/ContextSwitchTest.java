package io.netdoctor.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.netdoctor.core.kube.ClusterSettings;
import io.netdoctor.core.kube.ConnectionStatus;
import io.netdoctor.core.kube.KubeconfigCatalog;
import io.netdoctor.demo.DemoCluster;
import io.netdoctor.ui.common.CurrentThreadTaskExecutor;
import io.netdoctor.ui.common.StepTaskExecutor;
import io.netdoctor.ui.common.TaskExecutor;
import io.netdoctor.ui.common.TaskGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main window's decisions without a window (ADR 0012/0013): which choice's outcome counts, one banner
 * per problem, the demo started once. Real kubeconfig files and a real (failing) exec plugin; the task
 * executors run on this thread, the step one in the order the test chooses.
 */
class ContextSwitchTest {

  @TempDir
  Path dir;

  private final MainModel model = new MainModel();
  private final List<String> opened = new ArrayList<>();
  private final AtomicInteger demoStarts = new AtomicInteger();

  private final ContextSwitch.Opening opening = new ContextSwitch.Opening() {
    @Override
    public void begin(String label, String server) {
      opened.add("begin " + label + " " + server);
    }

    @Override
    public void connect(String label, String context, ClusterSettings settings) {
      opened.add("connect " + label + " context=" + context + " " + settings.shownUrl());
    }

    @Override
    public void closeCurrent() {
      opened.add("close");
    }
  };

  /** A demo that cannot start (a real one takes seconds and ports; its start is tested with the window). */
  private final Supplier<DemoCluster> failingDemo = () -> {
    demoStarts.incrementAndGet();
    throw new IllegalStateException("no free port");
  };

  private ContextSwitch contexts(KubeconfigCatalog catalog, TaskExecutor executor) {
    return new ContextSwitch(model, catalog, new TaskGroup(executor, e -> opened.add("unhandled " + e)), failingDemo,
        opening);
  }

  private KubeconfigCatalog kubeconfig() throws Exception {
    Path plugin = dir.resolve("login.sh");
    Files.writeString(plugin, "#!/bin/sh\necho 'you must log in first' >&2\nexit 3\n");
    Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwx------"));
    Path file = Files.writeString(dir.resolve("config"), """
        apiVersion: v1
        kind: Config
        clusters:
        - {name: one, cluster: {server: "https://10.1.0.1:6443"}}
        - {name: two, cluster: {server: "https://10.2.0.1:6443"}}
        users:
        - {name: token, user: {token: abc}}
        - name: sso
          user:
            exec: {apiVersion: client.authentication.k8s.io/v1, command: %s, interactiveMode: Never}
        contexts:
        - {name: alpha, context: {cluster: one, user: token}}
        - {name: beta, context: {cluster: two, user: token}}
        - {name: broken, context: {cluster: two, user: sso}}
        current-context: alpha
        """.formatted(plugin));
    return KubeconfigCatalog.load(List.of(file));
  }

  @Test
  void aNewerChoiceWinsOverAnOlderOneStillBeingRead() throws Exception {
    var steps = new StepTaskExecutor();
    var contexts = contexts(kubeconfig(), steps);
    contexts.switchTo("beta");
    contexts.switchTo("alpha");
    assertThat(model.status.get()).isEqualTo(
        ConnectionStatus.of(ConnectionStatus.State.CONNECTING, "Reading context alpha …"));
    steps.runLast(); // alpha's settings arrive first…
    steps.runNext(); // …beta's, chosen before, arrive late: dropped
    // the current context needs no --context in kubectl lines; any other does
    assertThat(opened).containsExactly("close", "close", "connect alpha context=null https://10.1.0.1:6443");
    contexts.switchTo("beta");
    steps.runAll();
    assertThat(opened).last().isEqualTo("connect beta context=beta https://10.2.0.1:6443");
  }

  @Test
  void aContextThatCannotBeUsedIsOneBannerAndTheStatusSaysWhy() throws Exception {
    var contexts = contexts(kubeconfig(), new CurrentThreadTaskExecutor());
    contexts.start();
    assertThat(opened).containsExactly("close", "connect alpha context=null https://10.1.0.1:6443");
    assertThat(model.contexts).containsExactly("alpha", "beta", "broken", ContextSwitch.DEMO_CHOICE);

    contexts.switchTo("broken");
    String why = "Credential plugin '" + dir.resolve("login.sh") + "' exited with status 3: you must log in first.";
    assertThat(model.banners).containsExactly(new MainModel.Banner(MainModel.Banner.Kind.DANGER,
        "Cannot use context broken", why));
    assertThat(model.status.get()).isEqualTo(ConnectionStatus.of(ConnectionStatus.State.FAILED, why));
    assertThat(opened).last().isEqualTo("begin broken ");

    contexts.switchTo("alpha");
    assertThat(model.banners).as("the problem went with its context").isEmpty();
    assertThat(opened).last().isEqualTo("connect alpha context=null https://10.1.0.1:6443");
  }

  @Test
  void theDemoStartsOnceWhenChosenAgainWhileItStarts() throws Exception {
    var steps = new StepTaskExecutor();
    var contexts = contexts(kubeconfig(), steps);
    contexts.switchTo(ContextSwitch.DEMO_CHOICE);
    contexts.switchTo("alpha");
    contexts.switchTo(ContextSwitch.DEMO_CHOICE);
    steps.runAll();
    assertThat(demoStarts).hasValue(1);
    assertThat(model.banners).filteredOn(b -> b.kind() == MainModel.Banner.Kind.DANGER).containsExactly(
        new MainModel.Banner(MainModel.Banner.Kind.DANGER, "Demo cluster",
            "The demo cluster could not start: no free port"));
    assertThat(model.status.get().state()).isEqualTo(ConnectionStatus.State.FAILED);
    assertThat(opened).noneMatch(line -> line.startsWith("connect"));
  }

  @Test
  void aMalformedKubeconfigIsExactlyOneBannerWhenTheDemoOpensInstead() throws Exception {
    Path file = Files.writeString(dir.resolve("bad"), "apiVersion: v1\nclusters: [ {name: x\n");
    var steps = new StepTaskExecutor();
    var contexts = contexts(KubeconfigCatalog.load(List.of(file)), steps);
    contexts.start();
    assertThat(model.chosenContext.get()).isEqualTo(ContextSwitch.DEMO_CHOICE);
    assertThat(model.banners).hasSize(1);
    assertThat(model.banners.get(0).kind()).isEqualTo(MainModel.Banner.Kind.WARNING);
    assertThat(model.banners.get(0).text()).startsWith("Kubeconfig " + file + " is malformed")
        .endsWith("NetDoctor opened its built-in demo cluster instead.");
    assertThat(steps.waiting()).as("the demo is starting").isEqualTo(1);
  }

  @Test
  void closingDropsWhatIsStillOnItsWay() throws Exception {
    var steps = new StepTaskExecutor();
    var contexts = contexts(kubeconfig(), steps);
    contexts.switchTo("beta");
    contexts.close();
    steps.runAll();
    assertThat(opened).containsExactly("close");
  }
}
