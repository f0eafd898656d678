package io.netdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netdoctor.core.kube.MockCluster;
import io.netdoctor.core.node.NodeLab;
import io.netdoctor.core.node.RealSystem;
import io.netdoctor.support.CaptureLabTools;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `netdoctor capture` end to end: mock API server (CRUD), real sshd, real namespace "pod", real tcpdump and ping. */
@CaptureLabTools
class CaptureCommandTest {

  static NodeLab lab;
  static MockCluster api;
  static final String POD = "default/redis-slave-1691881626-d3aft";

  @TempDir
  Path dir;
  Path kubeconfig;
  Path sshConfig;

  record Run(int code, String out, String err) {
  }

  @BeforeAll
  static void start() throws IOException {
    lab = io.netdoctor.core.capture.CaptureLab.start();
    api = MockCluster.start();
    lab.seedCluster(api.client(), "127.0.0.1");
  }

  @AfterAll
  static void stop() throws IOException {
    if (api != null) {
      api.close();
    }
    if (lab != null) {
      lab.close();
    }
  }

  @BeforeEach
  void files() throws IOException {
    kubeconfig = api.writeKubeconfig(dir.resolve("kubeconfig"));
    sshConfig = lab.writeSshConfig(dir.resolve("ssh_config"));
  }

  List<String> args(String... extra) {
    List<String> args = new ArrayList<>(List.of("capture"));
    args.addAll(List.of(extra));
    args.addAll(List.of("--kubeconfig", kubeconfig.toString(), "--ssh-config", sshConfig.toString(),
        "--known-hosts", dir.resolve("known_hosts").toString(), "--accept-new-host-key"));
    return args;
  }

  /** Runs the CLI in-process on a worker while pings go to the pod once tcpdump listens. */
  Run captureWhilePinging(String... extra) {
    var out = new StringWriter();
    var err = new StringWriter();
    var cli = NetDoctorCli.newCommandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    var code = CompletableFuture.supplyAsync(() -> cli.execute(args(extra).toArray(String[]::new)));
    await().atMost(Duration.ofSeconds(30)).until(() -> err.toString().contains("listening on") || code.isDone());
    RealSystem.exec("ping", "-c", "2", "-i", "0.2", lab.redis.podIp());
    int status = code.orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
    return new Run(status, out.toString(), err.toString());
  }

  @Test
  void printsTcpdumpsLinesFromInsideThePodAndStopsAfterCount() {
    Run run = captureWhilePinging(POD, "--filter", "icmp", "--count", "4");
    assertThat(run.code()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).contains("In  IP " + lab.redis.hostIp() + " > " + lab.redis.podIp() + ": ICMP echo request");
    assertThat(RealSystem.exec("pgrep", "-f", "netdoctor-capture-").output()).isBlank();
  }

  @Test
  void writesAPcapThatTcpdumpReadsOnAHostInterface() {
    Path pcap = dir.resolve("out.pcap");
    Run run = captureWhilePinging("--node", "node-a", "--interface", lab.redis.hostInterface(), "--filter", "icmp",
        "--count", "4", "--write", pcap.toString());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("Wrote 4 packets");
    String readBack = RealSystem.sh("tcpdump", "-r", pcap.toString(), "-nn");
    assertThat(readBack.lines().filter(l -> l.contains("ICMP echo"))).hasSize(4);
  }

  /** A tcpdump process (not a shell or the CLI's JVM) whose command line holds the marker: pid and arguments. */
  record Tcpdump(long pid, String args) {
    String pcap() {
      var m = java.util.regex.Pattern.compile("-w (\\S+\\.pcap)").matcher(args);
      return m.find() ? m.group(1) : null;
    }
  }

  static List<Tcpdump> tcpdumpsWith(String marker) {
    return RealSystem.exec("ps", "-eo", "pid=,comm=,args=").output().lines().map(String::strip)
        .map(l -> l.split("\\s+", 3)).filter(f -> f.length == 3 && f[1].equals("tcpdump") && f[2].contains(marker))
        .map(f -> new Tcpdump(Long.parseLong(f[0]), f[2])).toList();
  }

  /** Whether the process descends from the lab's sshd: the capture runs on the node, over SSH. */
  static boolean underSshd(long pid, long sshdPid) {
    for (var p = ProcessHandle.of(pid); p.isPresent(); p = p.get().parent()) {
      if (p.get().pid() == sshdPid) {
        return true;
      }
    }
    return false;
  }

  @Test
  void sigtermStopsTheCaptureAndLeavesNothingOnTheNode() throws Exception {
    String marker = "icmp and not host 10.254." + (int) (Math.random() * 250) + ".77";
    var argv = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
        System.getProperty("java.class.path"), "io.netdoctor.Launcher"));
    argv.addAll(args("--node", "node-a", "--interface", "lo", "--filter", marker));
    Path log = dir.resolve("cli.log");
    Process cli = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      // the remote tcpdump itself (the CLI's own command line also holds the marker), started by the node's sshd
      // (not the `tcpdump -d` that checks the filter first: the capture is the one writing a pcap)
      Tcpdump tcpdump = await("tcpdump on the node").atMost(Duration.ofSeconds(180))
          .until(() -> tcpdumpsWith(marker).stream().filter(t -> t.pcap() != null).findFirst().orElse(null),
              t -> t != null);
      assertThat(underSshd(tcpdump.pid(), lab.sshdPid())).as("tcpdump runs under the node's sshd").isTrue();
      String pcap = tcpdump.pcap();
      assertThat(pcap).as("tcpdump writes the node's pcap: " + tcpdump.args()).startsWith("/tmp/netdoctor-capture-");
      // armed and capturing: the packets of a ping reach the CLI's output
      await("tcpdump listening").atMost(Duration.ofSeconds(60)).until(() -> Files.readString(log).contains("listening on lo"));
      RealSystem.exec("ping", "-c", "2", "-i", "0.2", "127.0.0.1");
      await("a captured packet line").atMost(Duration.ofSeconds(60))
          .until(() -> Files.readString(log).contains("127.0.0.1 > 127.0.0.1: ICMP echo request"));
      assertThat(Path.of(pcap)).as("the node's pcap while capturing").exists();

      cli.destroy(); // SIGTERM, as Ctrl-C or `kill` would
      assertThat(cli.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as(Files.readString(log)).isTrue();
      await("tcpdump " + tcpdump.pid() + " gone").atMost(Duration.ofSeconds(60))
          .until(() -> ProcessHandle.of(tcpdump.pid()).map(ProcessHandle::isAlive).orElse(false), alive -> !alive);
      assertThat(tcpdumpsWith(marker)).as("no tcpdump left").isEmpty();
      assertThat(Path.of(pcap)).as("the node's pcap is removed").doesNotExist();
    } finally {
      cli.destroyForcibly();
    }
  }

  @Test
  void badFilterAndMissingInterfaceAreOneLineErrors() {
    Run bad = captureWhilePinging("--node", "node-a", "--interface", "lo", "--filter", "port 5x3");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).endsWith("netdoctor: tcpdump: unknown port '5x3'\n");
    var err = new StringWriter();
    var cli = NetDoctorCli.newCommandLine();
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute(args("--node", "node-a").toArray(String[]::new))).isNotZero();
    assertThat(err.toString()).contains("needs --interface").hasLineCount(1);
  }

  @Test
  void aPcapThatCannotBeSavedExitsNonZero() throws IOException {
    Path notAFolder = java.nio.file.Files.writeString(dir.resolve("not-a-folder"), "");
    Path pcap = notAFolder.resolve("out.pcap");
    Run run = captureWhilePinging("--node", "node-a", "--interface", lab.redis.hostInterface(), "--filter", "icmp",
        "--count", "2", "--write", pcap.toString());
    assertThat(run.code()).as(run.err()).isEqualTo(1);
    assertThat(run.err()).contains("netdoctor: could not save the pcap to " + pcap + ": ");
  }
}
