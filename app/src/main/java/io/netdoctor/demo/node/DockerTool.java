package io.netdoctor.demo.node;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** `docker` 1.10 on a Container Linux demo node: inspect, ps, run (a debug container sharing a pod's net), rm. */
final class DockerTool implements Tool {

  /** Debug containers running now, by name: `docker rm -f NAME` removes them. */
  private final Map<String, String> running = new ConcurrentHashMap<>();

  @Override
  public int run(List<String> args, Call call) throws InterruptedException {
    if (args.isEmpty()) {
      call.out("Usage: docker [OPTIONS] COMMAND [arg...]");
      return 0;
    }
    return switch (args.get(0)) {
      case "inspect" -> inspect(args.subList(1, args.size()), call);
      case "ps" -> ps(call);
      case "run" -> runDebug(args.subList(1, args.size()), call);
      case "rm" -> rm(args.subList(1, args.size()), call);
      case "exec" -> RuntimeExec.run(args.subList(1, args.size()), List.of(), call,
          "Error response from daemon: No such container: %s");
      default -> {
        call.err("docker: '" + args.get(0) + "' is not a docker command on a demo node (inspect, ps, run, rm, exec).");
        yield 1;
      }
    };
  }

  private int inspect(List<String> args, Call call) {
    String format = null;
    String id = null;
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals("-f") || args.get(i).equals("--format")) {
        format = i + 1 < args.size() ? args.get(++i) : "";
      } else {
        id = args.get(i);
      }
    }
    if (id == null) {
      call.err("docker: \"inspect\" requires a minimum of 1 argument.");
      return 1;
    }
    var found = call.cluster().container(call.node().name(), id);
    if (found.isEmpty()) {
      call.err("Error: No such image or container: " + id);
      return 1;
    }
    SimPod.SimContainer c = found.get().container();
    if (format == null) {
      call.out("[\n{\n    \"Id\": \"" + c.id() + "\",\n    \"State\": {\n        \"Status\": \"running\",\n"
          + "        \"Running\": true,\n        \"Pid\": " + c.pid() + "\n    },\n    \"Name\": \"/k8s_" + c.name()
          + "." + found.get().pod().name() + "\",\n    \"Config\": {\n        \"Image\": \"" + c.image() + "\"\n    }\n}\n]");
      return 0;
    }
    if (format.replace(" ", "").equals("{{.State.Pid}}")) {
      call.out(String.valueOf(c.pid()));
      return 0;
    }
    if (format.replace(" ", "").equals("{{.Id}}")) {
      call.out(c.id());
      return 0;
    }
    call.err("Template parsing error: the demo node's docker knows {{.State.Pid}} and {{.Id}}");
    return 1;
  }

  private int ps(Call call) {
    call.out(String.format("%-14s %-40s %-24s %-14s %s", "CONTAINER ID", "IMAGE", "COMMAND", "STATUS", "NAMES"));
    for (SimPod pod : call.cluster().podsOn(call.node().name())) {
      for (SimPod.SimContainer c : pod.containers()) {
        call.out(String.format("%-14s %-40s %-24s %-14s %s", c.shortId(), c.image(), "\"/entrypoint\"",
            "Up 1 hours", "k8s_" + c.name() + "." + pod.name()));
      }
    }
    running.forEach((name, image) -> call.out(String.format("%-14s %-40s %-24s %-14s %s", "d3b6c1a0f2e4", image,
        "\"/bin/sh\"", "Up 1 seconds", name)));
    return 0;
  }

  /** `docker run --rm -i [--name N] --net container:ID IMAGE [CMD]`: a shell in that container's namespace. */
  private int runDebug(List<String> args, Call call) throws InterruptedException {
    String name = "demo_debug";
    String net = null;
    String image = null;
    int i = 0;
    for (; i < args.size() && image == null; i++) {
      String a = args.get(i);
      if (a.equals("--name")) {
        name = i + 1 < args.size() ? args.get(++i) : name;
      } else if (a.equals("--net") || a.equals("--network")) {
        net = i + 1 < args.size() ? args.get(++i) : null;
      } else if (a.startsWith("--net=")) {
        net = a.substring(6);
      } else if (!a.startsWith("-")) {
        image = a;
      }
    }
    if (image == null) {
      call.err("docker: \"run\" requires a minimum of 1 argument.");
      return 1;
    }
    SimPod pod = null;
    if (net != null && net.startsWith("container:")) {
      var found = call.cluster().container(call.node().name(), net.substring("container:".length()));
      if (found.isEmpty()) {
        call.err("docker: Error response from daemon: No such container: " + net.substring(10) + ".");
        return 125;
      }
      pod = found.get().pod();
    }
    running.put(name, image);
    try {
      Call inside = pod == null ? call : call.inNetns(pod).intoToolbox();
      List<String> cmd = args.subList(i, args.size());
      return cmd.isEmpty() ? call.shell().interactive(inside) : call.run(cmd);
    } finally {
      running.remove(name);
    }
  }

  private int rm(List<String> args, Call call) {
    int status = 0;
    for (String a : args) {
      if (a.startsWith("-")) {
        continue;
      }
      if (running.remove(a) != null || a.startsWith("netdoctor-debug-")) {
        call.out(a); // --rm may have removed it already; docker rm -f of a gone container is quiet here
      } else {
        call.err("Error response from daemon: No such container: " + a);
        status = 1;
      }
    }
    return status;
  }
}
