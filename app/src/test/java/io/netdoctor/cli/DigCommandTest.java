package io.netdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netdoctor.core.dns.Dig;
import io.netdoctor.core.dns.NamedServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** `netdoctor dig` against real dig 9.18 with the same arguments and the same named: identical blocks. */
@ExtendWith(NamedServer.Shared.class)
class DigCommandTest {

  private static NamedServer named;

  @BeforeAll
  static void useNamed(NamedServer server) {
    named = server;
  }

  record Run(int exit, String out, String err) {
  }

  static Run netdoctor(List<String> args) {
    var out = new StringWriter();
    var err = new StringWriter();
    var cli = NetDoctorCli.newCommandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    var argv = new ArrayList<String>();
    argv.add("dig");
    argv.addAll(args);
    int exit = cli.execute(argv.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  private static List<String> withServer(String... args) {
    var all = new ArrayList<>(List.of("-p", Integer.toString(named.port()), "@127.0.0.1"));
    all.addAll(List.of(args));
    return all;
  }

  static Stream<List<String>> argumentSets() {
    return Stream.of(
        List.of("frontend.default.svc.cluster.local"),
        List.of("+vc", "frontend.default.svc.cluster.local"),
        List.of("+tcp", "+norecurse", "_http._tcp.frontend.default.svc.cluster.local", "SRV"),
        List.of("AAAA", "frontend.default.svc.cluster.local"),
        List.of("-x", "10.3.0.119"),
        List.of("www.cluster.local"),
        List.of("test-service.default.svc.cluster.local"),
        List.of("cluster.local", "ANY"),
        List.of("many.cluster.local"),
        List.of("+ignore", "large.cluster.local", "TXT"),
        List.of("example.com"));
  }

  @ParameterizedTest
  @MethodSource("argumentSets")
  void outputMatchesDig(List<String> args) throws Exception {
    List<String> argv = withServer(args.toArray(String[]::new));
    List<String> expected = Dig.normalisedBlocks(Dig.run(argv));
    Run run = netdoctor(argv);
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(expected).isNotEmpty();
    assertThat(Dig.normalisedBlocks(run.out())).containsExactlyElementsOf(expected);
  }

  @Test
  void batchFileRunsEveryLineOverOneConnectionLikeDigKeepopen(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("names.txt");
    Files.writeString(file, """
        frontend.default.svc.cluster.local
        _http._tcp.frontend.default.svc.cluster.local SRV
        nope.cluster.local
        +norecurse cluster.local SOA
        """);
    List<String> argv = withServer("+vc", "+keepopen", "-f", file.toString());
    List<String> expected = Dig.normalisedBlocks(Dig.run(argv));
    Run run = netdoctor(argv);
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(expected).hasSize(4);
    assertThat(Dig.normalisedBlocks(run.out())).containsExactlyElementsOf(expected);
  }

  @Test
  void badInputIsOneLineOnStderrWithExitTen() {
    // app/docs/README-dns.md: bad name / unknown type / invalid option exit 10 (dig's code for a bad name)
    Run badName = netdoctor(withServer("foo..bar"));
    assertThat(badName.exit()).isEqualTo(10);
    assertThat(badName.err().strip()).isEqualTo("netdoctor: 'foo..bar' is not a legal name (invalid empty label)");
    Run badType = netdoctor(withServer("a.cluster.local", "FOOTYPE"));
    assertThat(badType.exit()).isEqualTo(10);
    assertThat(badType.err().strip()).isEqualTo("netdoctor: unknown record type 'FOOTYPE'");
    Run badOption = netdoctor(withServer("+bogus", "a.cluster.local"));
    assertThat(badOption.exit()).isEqualTo(10);
    assertThat(badOption.err().strip()).isEqualTo("netdoctor: invalid option: +bogus");
    assertThat(badName.out() + badType.out() + badOption.out()).isEmpty();
  }

  @Test
  void aSilentServerTimesOutWithExitNine() throws Exception {
    try (var silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      Run run = netdoctor(List.of("--timeout", "0.3", "-p", Integer.toString(silent.getLocalPort()), "@127.0.0.1",
          "a.cluster.local"));
      assertThat(run.exit()).isEqualTo(9); // dig: "no reply from server"
      assertThat(run.err()).contains("timed out").doesNotContain("Exception");
    }
  }
}
