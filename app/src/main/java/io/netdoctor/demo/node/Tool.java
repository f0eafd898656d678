package io.netdoctor.demo.node;

import java.util.List;

/** One simulated program on a demo node: its arguments (without the program name) to an exit status. */
@FunctionalInterface
interface Tool {
  int run(List<String> args, Call call) throws InterruptedException;
}
