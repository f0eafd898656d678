package io.netdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netdoctor.core.kube.MockCluster;
import io.netdoctor.core.node.NodeLab;
import io.netdoctor.core.node.RealSystem;
import io.netdoctor.support.NodeLabTools;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `netdoctor probe` end to end: mock API server (CRUD), real sshd, real namespace "pod", real nc/nsenter. */
@NodeLabTools
class ProbeCommandTest {

  static NodeLab lab;
  static MockCluster api;
  static final String POD = "default/redis-slave-1691881626-d3aft";

  @TempDir
  Path dir;
  Path kubeconfig;
  Path sshConfig;
  Path knownHosts;

  record Run(int code, String out, String err) {
  }

  @BeforeAll
  static void start() throws IOException {
    lab = new NodeLab();
    api = MockCluster.start();
    lab.seedCluster(api.client(), "127.0.0.1", 6379);
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
    // the node's name has a Host entry: it wins over the node's addresses
    sshConfig = lab.writeSshConfig(dir.resolve("ssh_config"));
    knownHosts = dir.resolve("known_hosts");
  }

  Run probe(String... extra) {
    List<String> args = new ArrayList<>(List.of("probe", POD, "--kubeconfig", kubeconfig.toString(),
        "--ssh-config", sshConfig.toString(), "--known-hosts", knownHosts.toString()));
    args.addAll(List.of(extra));
    var out = new StringWriter();
    var err = new StringWriter();
    var cli = NetDoctorCli.newCommandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  /** What nc says run by hand in the pod's namespace: the oracle. */
  static String oracle(int port) {
    return RealSystem.exec("ip", "netns", "exec", lab.redis.netns(), "nc", "-z", "-w", "2", "localhost",
        String.valueOf(port)).status() == 0 ? "open" : "refused";
  }

  @Test
  void unknownHostKeyIsAnErrorWithTheFingerprintThenAcceptedThenSilent() {
    Run refused = probe("--ports", "6379,8080");
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.out()).isEmpty();
    assertThat(refused.err()).startsWith("netdoctor: Unknown host key for [127.0.0.1]:" + lab.server.port)
        .contains(lab.server.hostKeyFingerprint()).doesNotContain("Exception").hasLineCount(1);
    assertThat(knownHosts).doesNotExist();

    Run accepted = probe("--ports", "6379,8080", "--accept-new-host-key");
    assertThat(accepted.code()).isZero();
    assertThat(accepted.out()).isEqualTo("6379\t" + oracle(6379) + "\n8080\t" + oracle(8080) + "\n")
        .isEqualTo("6379\topen\n8080\trefused\n");
    assertThat(accepted.err()).contains("Warning: permanently added").contains(lab.server.hostKeyFingerprint());
    assertThat(RealSystem.sh("ssh-keygen", "-F", "[127.0.0.1]:" + lab.server.port, "-f", knownHosts.toString()))
        .contains("ssh-ed25519");

    Run silent = probe("--ports", "6379,8080");
    assertThat(silent.code()).isZero();
    assertThat(silent.err()).isEmpty();
    assertThat(silent.out()).isEqualTo(accepted.out());
  }

  @Test
  void aChangedHostKeyIsAlwaysAnError() throws IOException {
    RealSystem.sh("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("other").toString());
    String other = Files.readString(dir.resolve("other.pub")).split("\\s+")[1];
    Files.writeString(knownHosts, "[127.0.0.1]:" + lab.server.port + " ssh-ed25519 " + other + "\n");
    Run run = probe("--ports", "6379", "--accept-new-host-key");
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("CHANGED").contains("line 1 of " + knownHosts);
  }

  @Test
  void declaredPortsByDefaultAndOverridesWithoutAnSshConfigEntry() throws IOException {
    Files.writeString(knownHosts, "");
    Files.writeString(sshConfig, "");
    Run run = probe("--accept-new-host-key", "--user", "root", "--ssh-port", String.valueOf(lab.server.port),
        "--identity", lab.server.clientKey.toString(), "--show-commands");
    assertThat(run.code()).isZero();
    assertThat(run.out()).isEqualTo("6379\topen\n");
    // the equivalent commands, as PROCEDURE.md §3 types them
    assertThat(run.err()).contains("$ docker inspect -f '{{.State.Pid}}' " + NodeLab.DOCKER_ID)
        .contains("$ nsenter -n -t ");
  }

  @Test
  void fromTheNodeALocalhostOnlyListenerIsRefused() {
    Run run = probe("--ports", "6379,7000", "--from-node", "--accept-new-host-key");
    assertThat(run.code()).isZero();
    assertThat(run.out()).isEqualTo("6379\topen\n7000\trefused\n");
  }

  @Test
  void badInputIsOneLineOnStderr() {
    Run badPort = probe("--ports", "6379;touch /tmp/x");
    assertThat(badPort.code()).isNotZero();
    assertThat(badPort.err()).startsWith("netdoctor: Refused port").hasLineCount(1);
    Run noContainer = probe("--container", "sidecar", "--accept-new-host-key");
    assertThat(noContainer.code()).isNotZero();
    assertThat(noContainer.err()).contains("has no container named 'sidecar'").hasLineCount(1);
    Run noPod = probeMissing();
    assertThat(noPod.code()).isNotZero();
    assertThat(noPod.err()).isEqualTo("netdoctor: Pod default/nope not found in context 'mock'.\n");
  }

  private Run probeMissing() {
    var out = new StringWriter();
    var err = new StringWriter();
    var cli = NetDoctorCli.newCommandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute("probe", "default/nope", "--kubeconfig", kubeconfig.toString());
    return new Run(code, out.toString(), err.toString());
  }
}
