package io.netdoctor;

import io.netdoctor.cli.NetDoctorCli;
import io.netdoctor.core.log.LogFile;
import io.netdoctor.core.log.UncaughtErrors;
import io.netdoctor.core.platform.AppVersion;
import org.slf4j.LoggerFactory;

/** Entry point: arguments run the command line, no arguments open the window. */
public final class Launcher {

  private Launcher() {
  }

  public static void main(String[] args) {
    // SLF4J's own notes (e.g. that it replayed what was logged during set-up) are not for the terminal
    if (System.getProperty("slf4j.internal.verbosity") == null) {
      System.setProperty("slf4j.internal.verbosity", "ERROR");
    }
    if (args.length == 0) {
      // Logback's set-up costs about half a second of CPU: done beside the JavaFX toolkit's start,
      // not before it, so the first window does not wait for it. SLF4J holds what is logged
      // meanwhile and hands it over once the set-up is done.
      LogFile.routeJavaLogging();
      UncaughtErrors.install();
      Thread logging = new Thread(() -> startLogging("window"), "netdoctor-log-start");
      logging.setDaemon(true);
      logging.start();
      App.launchWindow(args);
    } else {
      startLogging("command line: " + args[0]); // before any library can warn: nothing may reach the terminal
      System.exit(NetDoctorCli.run(args));
    }
  }

  private static void startLogging(String mode) {
    LogFile.start();
    LoggerFactory.getLogger(Launcher.class).info("NetDoctor {} starting ({}); Java {} on {} {}; log file {}",
        AppVersion.current(), mode, System.getProperty("java.version"), System.getProperty("os.name"),
        System.getProperty("os.arch"), LogFile.path());
  }
}
