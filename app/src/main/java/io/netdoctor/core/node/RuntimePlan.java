package io.netdoctor.core.node;

import io.netdoctor.core.kube.ContainerRuntime;
import java.util.List;

/**
 * How to reach a container's network namespace on its runtime, as the commands a person would type:
 * shown before running, then reported step by step.
 */
public record RuntimePlan(ContainerRuntime runtime, String node, List<Step> steps) {

  public RuntimePlan {
    steps = List.copyOf(steps);
  }

  /** One step: what it is for and its shell text ($PID stands for the PID found by the first step). */
  public record Step(String title, String commandText) {
  }

  /** Where a step stands. */
  public enum Status { RUNNING, DONE, FAILED }

  /** Step progress, delivered on the worker thread that runs the plan. */
  @FunctionalInterface
  public interface Progress {
    void step(int index, Step step, Status status, String detail);

    Progress NONE = (index, step, status, detail) -> {
    };
  }

  /** The plan as shell lines, for the transcript and the pane. */
  public List<String> commands() {
    return steps.stream().map(Step::commandText).toList();
  }
}
