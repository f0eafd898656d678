package io.netdoctor.demo.node;

import java.util.List;

/**
 * The runtimes' exec on a demo node (`docker exec -ti ID CMD`, `crictl exec -it ID CMD`, `rkt enter UUID [CMD]`): CMD
 * runs in the container's network namespace with the image's tools; a bare shell is interactive, with a prompt.
 */
final class RuntimeExec {

  private RuntimeExec() {
  }

  /**
   * Runs {@code args} (options, then the ID, then the command; {@code defaultCommand} when none) in the container;
   * {@code missing} is the runtime's message for an unknown ID.
   */
  static int run(List<String> args, List<String> defaultCommand, Call call, String missing) throws InterruptedException {
    int i = 0;
    while (i < args.size() && args.get(i).startsWith("-")) {
      i++; // -t -i -ti -it --interactive --tty: the terminal is the session's
    }
    if (i >= args.size()) {
      call.err(missing.replace("%s", ""));
      return 1;
    }
    String id = args.get(i);
    var found = call.cluster().container(call.node().name(), id);
    if (found.isEmpty()) {
      call.err(missing.replace("%s", id));
      return 1;
    }
    List<String> command = i + 1 < args.size() ? args.subList(i + 1, args.size()) : defaultCommand;
    if (command.isEmpty()) {
      call.err("exec: a command is required");
      return 1;
    }
    ImageTools image = ImageTools.of(found.get().container().image());
    if (!image.has(command.get(0))) {
      return missing(command.get(0), call); // a distroless image: not even a shell
    }
    Call inside = call.inNetns(found.get().pod()).intoToolbox().inImage(image);
    boolean bareShell = command.size() == 1 && List.of("sh", "/bin/sh", "bash", "/bin/bash").contains(command.get(0));
    return bareShell ? call.shell().interactive(inside, "/ # ") : call.shell().run(command, inside);
  }

  /** Each runtime's answer to a program the image lacks, as its CLI prints it. */
  private static int missing(String program, Call call) {
    String tool = call.node().runtime();
    switch (tool) {
      case "docker" -> {
        call.err("rpc error: code = 2 desc = oci runtime error: exec failed: container_linux.go:247: starting container"
            + " process caused \"exec: \\\"" + program + "\\\": executable file not found in $PATH\"");
        return 126;
      }
      case "rkt" -> {
        call.err("enter: error: exec: \"" + program + "\": stat " + program + ": no such file or directory");
        return 254;
      }
      default -> {
        call.err("FATA[0000] execing command in container: rpc error: code = Unknown desc = failed to exec in"
            + " container: failed to start exec: OCI runtime exec failed: exec failed: unable to start container"
            + " process: exec: \"" + program + "\": executable file not found in $PATH: unknown");
        return 1;
      }
    }
  }
}
