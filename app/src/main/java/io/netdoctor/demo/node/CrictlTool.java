package io.netdoctor.demo.node;

import java.util.List;

/** `crictl` on a containerd demo node: inspect (JSON with info.pid, as the plan reads it) and ps. */
final class CrictlTool implements Tool {

  @Override
  public int run(List<String> args, Call call) throws InterruptedException {
    if (args.isEmpty()) {
      call.out("NAME:\n   crictl - client for CRI\nCOMMANDS: inspect, ps, exec (on a demo node)");
      return 0;
    }
    switch (args.get(0)) {
      case "inspect" -> {
        List<String> ids = args.subList(1, args.size()).stream().filter(a -> !a.startsWith("-")).toList();
        if (ids.isEmpty()) {
          call.err("FATA[0000] ID cannot be empty");
          return 1;
        }
        var found = call.cluster().container(call.node().name(), ids.get(0));
        if (found.isEmpty()) {
          call.err("E1202 00:00:00.000000    4242 remote_runtime.go:432] \"ContainerStatus from runtime service failed\""
              + " err=\"rpc error: code = NotFound desc = an error occurred when try to find container \\\""
              + ids.get(0) + "\\\": not found\" containerID=\"" + ids.get(0) + "\"");
          call.err("FATA[0000] getting the status of the container \"" + ids.get(0) + "\": rpc error: code = NotFound"
              + " desc = an error occurred when try to find container \"" + ids.get(0) + "\": not found");
          return 1;
        }
        SimPod.SimContainer c = found.get().container();
        SimPod pod = found.get().pod();
        call.out("{\n  \"status\": {\n    \"id\": \"" + c.id() + "\",\n    \"metadata\": {\n      \"attempt\": 0,\n"
            + "      \"name\": \"" + c.name() + "\"\n    },\n    \"state\": \"CONTAINER_RUNNING\",\n"
            + "    \"image\": {\n      \"image\": \"" + c.image() + "\"\n    },\n    \"labels\": {\n"
            + "      \"io.kubernetes.pod.name\": \"" + pod.name() + "\",\n"
            + "      \"io.kubernetes.pod.namespace\": \"" + pod.namespace() + "\"\n    }\n  },\n"
            + "  \"info\": {\n    \"sandboxID\": \"" + Integer.toHexString(pod.name().hashCode()) + "\",\n"
            + "    \"pid\": " + c.pid() + ",\n    \"runtimeType\": \"io.containerd.runc.v2\"\n  }\n}");
        return 0;
      }
      case "exec" -> {
        return RuntimeExec.run(args.subList(1, args.size()), List.of(), call,
            "FATA[0000] execing command in container: rpc error: code = NotFound desc = could not find container"
                + " \"%s\"");
      }
      case "ps" -> {
        call.out(String.format("%-13s  %-40s  %-12s  %-8s  %-15s  %s", "CONTAINER", "IMAGE", "CREATED", "STATE",
            "NAME", "POD"));
        for (SimPod pod : call.cluster().podsOn(call.node().name())) {
          for (SimPod.SimContainer c : pod.containers()) {
            call.out(String.format("%-13s  %-40s  %-12s  %-8s  %-15s  %s", c.shortId(), c.image(), "1 hour ago",
                "Running", c.name(), pod.name()));
          }
        }
        return 0;
      }
      default -> {
        call.err("crictl: '" + args.get(0) + "' is not simulated on a demo node (inspect, ps, exec)");
        return 1;
      }
    }
  }
}
