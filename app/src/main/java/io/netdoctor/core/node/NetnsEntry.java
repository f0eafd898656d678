package io.netdoctor.core.node;

import io.netdoctor.core.command.Command;
import java.util.List;

/**
 * "Enter this pod's network namespace". The SSH runtime plan ({@link SshRuntimeNetns}) is the first way;
 * an API-only way (ephemeral debug containers, node debug pods) can sit beside it.
 */
public interface NetnsEntry {

  /** The steps it would take, with the given commands run inside as the last steps; nothing runs. */
  RuntimePlan plan(PodTarget pod, List<Command> inside);

  /** Runs the plan's finding steps and returns a handle for running commands inside; worker thread only. */
  PodNetns enter(PodTarget pod, RuntimePlan.Progress progress);
}
