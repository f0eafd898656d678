package io.netdoctor.core.capture;

import io.netdoctor.core.node.NodeLab;
import io.netdoctor.core.node.RealSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A {@link NodeLab} for capture tests: also needs tcpdump and ping (skipped with the reason, mandatory under CI). */
public final class CaptureLab {

  private CaptureLab() {
  }

  public static NodeLab start() throws IOException {
    RealSystem.require(Files.isExecutable(Path.of("/usr/bin/tcpdump")), "tcpdump is missing: apt-get install -y tcpdump");
    RealSystem.require(Files.isExecutable(Path.of("/usr/bin/ping")), "ping is missing: apt-get install -y iputils-ping");
    return new NodeLab();
  }

  public static void stop(NodeLab lab) throws IOException {
    if (lab != null) {
      lab.close();
    }
  }
}
