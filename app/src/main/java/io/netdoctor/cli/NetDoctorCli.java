package io.netdoctor.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command-line face of NetDoctor; subcommands are thin and call core. */
@Command(
    name = "netdoctor",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Point-and-click troubleshooting of Kubernetes networking (command-line face).",
    subcommands = {PodsCommand.class, DemoCommand.class, DigCommand.class, ProbeCommand.class,
        CaptureCommand.class, ExecCommand.class, CheckCommand.class, PolicyCommand.class,
        LabCommand.class})
public final class NetDoctorCli implements Runnable {

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  /** Runs the CLI and returns the exit code. */
  public static int run(String... args) {
    return newCommandLine().execute(args);
  }

  public static CommandLine newCommandLine() {
    var cli = new CommandLine(new NetDoctorCli());
    cli.setExpandAtFiles(false); // "@127.0.0.1" is a dig server, never an argument file
    cli.setAllowOptionsAsOptionParameters(true); // `-n -lead` is a (bad) namespace, as for kubectl, not `-l ead`
    cli.setExecutionExceptionHandler(new CliErrors());
    return cli;
  }
}
