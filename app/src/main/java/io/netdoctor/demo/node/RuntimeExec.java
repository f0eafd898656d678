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
    Call inside = call.inNetns(found.get().pod()).intoToolbox();
    boolean bareShell = command.size() == 1 && List.of("sh", "/bin/sh", "bash", "/bin/bash").contains(command.get(0));
    return bareShell ? call.shell().interactive(inside, "/ # ") : call.shell().run(command, inside);
  }
}
