package io.netdoctor.cli;

import io.netdoctor.demo.DemoCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `demo`: serves the built-in demo cluster without a window until stopped. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Serve the built-in demo cluster on 127.0.0.1 until stopped (Ctrl-C).")
final class DemoCommand implements Callable<Integer> {

  @Option(names = "--write-kubeconfig", paramLabel = "FILE",
      description = "Write a kubeconfig pointing at the demo cluster, for kubectl, the CLI and the GUI.")
  Path kubeconfig;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
      description = "API server port on 127.0.0.1 (default: any free port).")
  int port;

  @Option(names = "--life-seconds", paramLabel = "SECONDS", defaultValue = "20",
      description = "Every so many seconds a pod restarts or is replaced; 0 keeps the demo still. Default: ${DEFAULT-VALUE}.")
  int lifeSeconds;

  @Option(names = "--lab", paramLabel = "NAME",
      description = "Serve the demo with this lab's fault in place (see: netdoctor lab list).")
  String lab;

  @Option(names = "--lab-folder", paramLabel = "DIR", description = "Also the *.yaml lab files in this folder.")
  Path labFolder;

  @Option(names = "--debug", description = "Print stack traces of errors.")
  boolean debug;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port must be between 0 and 65535");
    }
    io.netdoctor.core.lab.Lab chosen = null;
    if (lab != null) {
      var catalog = LabCommand.catalog(labFolder, spec.commandLine().getErr());
      chosen = catalog.find(lab).orElse(null);
      if (chosen == null) {
        spec.commandLine().getErr().println(catalog.unknown(lab));
        spec.commandLine().getErr().flush();
        return 2;
      }
    }
    DemoCluster demo = DemoCluster.start(Duration.ofSeconds(Math.max(0, lifeSeconds)), port);
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      demo.close();
      stopped.countDown();
    }, "netdoctor-demo-stop"));
    var out = spec.commandLine().getOut();
    out.println("Demo cluster serving at " + demo.url());
    org.slf4j.LoggerFactory.getLogger(DemoCommand.class).info("Demo cluster serving at {}", demo.url());
    if (kubeconfig != null) {
      demo.writeKubeconfig(kubeconfig);
      out.println("Kubeconfig written to " + kubeconfig.toAbsolutePath());
      demo.nodes().ifPresent(n -> out.println("Demo nodes' ssh_config and known_hosts written beside it: "
          + io.netdoctor.core.node.SshFiles.besideKubeconfig(kubeconfig).sshConfig().getFileName() + ", "
          + io.netdoctor.core.node.SshFiles.besideKubeconfig(kubeconfig).knownHosts().getFileName()));
      out.println("Try: netdoctor pods -A --kubeconfig " + kubeconfig);
      out.println("     netdoctor probe default/redis-slave-1691881626-d3aft --ports 6379,8080 --kubeconfig " + kubeconfig);
    }
    if (chosen != null) {
      io.netdoctor.demo.lab.LabSession.inject(demo, chosen, new io.netdoctor.core.transcript.Transcript(), java.util.List.of());
      out.println("Lab " + chosen.name() + " is in place: " + chosen.title());
      out.println("Briefing: " + chosen.briefing().replace("\n", "\n          "));
    }
    out.println("Press Ctrl-C to stop.");
    out.flush();
    stopped.await();
    return 0;
  }
}
