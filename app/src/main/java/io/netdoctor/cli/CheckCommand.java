package io.netdoctor.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** `check`: checklists; `check service NS/NAME` runs the Kubernetes "Debug Services" steps. */
@Command(name = "check", mixinStandardHelpOptions = true, description = "Run a troubleshooting checklist.",
    subcommands = {CheckServiceCommand.class})
final class CheckCommand implements Runnable {

  @Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
