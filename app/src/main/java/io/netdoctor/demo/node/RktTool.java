package io.netdoctor.demo.node;

import java.util.List;

/** `rkt` on an rkt demo node: `rkt list` and `rkt status UUID` (`pid=4272`), as in the guide. */
final class RktTool implements Tool {

  @Override
  public int run(List<String> args, Call call) throws InterruptedException {
    if (args.isEmpty()) {
      call.out("Usage: rkt [command]\n\nAvailable Commands (on a demo node): list, status, enter");
      return 0;
    }
    switch (args.get(0)) {
      case "list" -> {
        call.out("UUID\t\tAPP\tIMAGE NAME\t\t\t\tSTATE\tCREATED\t\tSTARTED\t\tNETWORKS");
        for (SimPod pod : call.cluster().podsOn(call.node().name())) {
          for (SimPod.SimContainer c : pod.containers()) {
            String uuid = c.rktUuid();
            call.out(uuid.substring(0, Math.min(8, uuid.length())) + "\t" + c.name() + "\t" + c.image()
                + "\trunning\t1 hour ago\t1 hour ago\tdefault:ip4=" + pod.ip());
          }
        }
        return 0;
      }
      case "enter" -> {
        return RuntimeExec.run(args.subList(1, args.size()), List.of("/bin/bash"), call,
            "enter: no matches found for \"%s\"");
      }
      case "status" -> {
        List<String> ids = args.subList(1, args.size()).stream().filter(a -> !a.startsWith("-")).toList();
        if (ids.isEmpty()) {
          call.err("status: must provide the pod UUID");
          return 254;
        }
        var found = call.cluster().podsOn(call.node().name()).stream()
            .flatMap(p -> p.containers().stream().map(c -> new ClusterView.Found(p, c)))
            .filter(f -> f.container().rktUuid().startsWith(ids.get(0))).findFirst();
        if (found.isEmpty()) {
          call.err("status: no matches found for \"" + ids.get(0) + "\"");
          return 254;
        }
        call.out("state=running");
        call.out("created=2016-04-26 14:12:38.386 +0000 UTC");
        call.out("started=2016-04-26 14:12:38.530 +0000 UTC");
        call.out("networks=default:ip4=" + found.get().pod().ip());
        call.out("pid=" + found.get().container().pid());
        call.out("exited=false");
        return 0;
      }
      default -> {
        call.err("rkt: '" + args.get(0) + "' is not simulated on a demo node (list, status)");
        return 254;
      }
    }
  }
}
