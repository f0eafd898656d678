package io.netdoctor.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "pods", description = "List pods and their containers.")
final class PodsCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return 0;
  }
}
