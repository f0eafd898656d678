package io.netdoctor.cli;

import io.netdoctor.core.kube.KubeErrors;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** One clear line on stderr and a non-zero exit code; the stack trace only with --debug. */
final class CliErrors implements IExecutionExceptionHandler {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CliErrors.class);

  @Override
  public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parsed) {
    // the file keeps the cause and stack trace the one-line message leaves out
    LOG.warn("netdoctor {} failed: {}", cli.getCommandName(), KubeErrors.describe(ex), ex);
    cli.getErr().println("netdoctor: " + KubeErrors.describe(ex));
    if (debugRequested(parsed)) {
      ex.printStackTrace(cli.getErr());
    }
    cli.getErr().flush();
    return 1;
  }

  private static boolean debugRequested(ParseResult parsed) {
    for (ParseResult level = parsed; level != null; level = level.subcommand()) {
      if (level.hasMatchedOption("--debug")) {
        return true;
      }
    }
    return false;
  }
}
