package io.netdoctor;

import io.netdoctor.cli.NetDoctorCli;
import io.netdoctor.core.log.LogFile;
import io.netdoctor.core.platform.AppVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point: arguments run the command line, no arguments open the window. */
public final class Launcher {

  private Launcher() {
  }

  public static void main(String[] args) {
    LogFile.start(); // before any library can warn: nothing of theirs may reach the terminal
    Logger log = LoggerFactory.getLogger(Launcher.class);
    log.info("NetDoctor {} starting ({}); Java {} on {} {}; log file {}", AppVersion.current(),
        args.length == 0 ? "window" : "command line: " + args[0], System.getProperty("java.version"),
        System.getProperty("os.name"), System.getProperty("os.arch"), LogFile.path());
    if (args.length == 0) {
      App.launchWindow(args);
    } else {
      System.exit(NetDoctorCli.run(args));
    }
  }
}
