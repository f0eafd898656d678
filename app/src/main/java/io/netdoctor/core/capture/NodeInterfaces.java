package io.netdoctor.core.capture;

import io.netdoctor.core.command.Command;
import io.netdoctor.core.node.NodeAccessException;
import io.netdoctor.core.node.RemoteResult;
import java.time.Duration;
import java.util.List;

/** Lists the interfaces one can capture on, in a node's or a pod's network (`ip -o -d link`). */
public final class NodeInterfaces {

  static final Command IP_LINK = Command.of("ip", "-o", "-d", "link", "show");

  private NodeInterfaces() {
  }

  /** "any" first (every interface), then the ones the network has; worker thread only. */
  public static List<NetInterface> list(CapturePlace place) {
    RemoteResult result = place.run(IP_LINK, Duration.ofSeconds(30));
    if (!result.ok()) {
      throw new NodeAccessException(NodeAccessException.Failure.COMMAND_FAILED, "Could not list interfaces on "
          + place.label() + ": " + result.output().strip().lines().findFirst().orElse("exit " + result.exitStatus()));
    }
    var all = new java.util.ArrayList<NetInterface>();
    all.add(new NetInterface("any", "all interfaces", true));
    all.addAll(NetInterface.parse(result.stdout()));
    return all;
  }
}
