package io.netdoctor;

import io.netdoctor.cli.NetDoctorCli;

/** Entry point: arguments run the command line, no arguments open the window. */
public final class Launcher {

  private Launcher() {
  }

  public static void main(String[] args) {
    if (args.length == 0) {
      App.launchWindow(args);
    } else {
      System.exit(NetDoctorCli.run(args));
    }
  }
}
