package io.netdoctor.cli;

import io.netdoctor.core.lab.Lab;
import io.netdoctor.core.lab.LabCatalog;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `lab`: the fault-injection labs of the demo cluster. */
@Command(name = "lab", mixinStandardHelpOptions = true,
    description = "Fault-injection labs on the demo cluster (serve one with: netdoctor demo --lab NAME).",
    subcommands = LabCommand.ListLabs.class)
final class LabCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The catalog: the built-in labs and a trainer's folder; each bad file is one line on {@code err}. */
  static LabCatalog catalog(Path folder, java.io.PrintWriter err) {
    LabCatalog catalog = LabCatalog.load(folder);
    catalog.problems().forEach(p -> err.println("Lab file skipped: " + p));
    err.flush();
    return catalog;
  }

  /** `lab list`: one line per lab, its name then its title in a second column. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the labs: name and title, one a line.")
  static final class ListLabs implements Callable<Integer> {

    @Option(names = "--folder", paramLabel = "DIR", description = "Also the *.yaml lab files in this folder.")
    Path folder;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      var catalog = catalog(folder, spec.commandLine().getErr());
      int width = catalog.labs().stream().mapToInt(l -> l.name().length()).max().orElse(0);
      var out = spec.commandLine().getOut();
      for (Lab lab : catalog.labs()) {
        out.println(lab.name() + " ".repeat(width - lab.name().length() + 2) + lab.title());
      }
      out.flush();
      return 0;
    }
  }
}
