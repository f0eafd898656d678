package io.netdoctor.core.node;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import io.netdoctor.core.command.Command;
import io.netdoctor.core.kube.ContainerRuntime;
import io.netdoctor.core.node.NodeAccessException.Failure;
import io.netdoctor.core.transcript.Transcript;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Enters a pod's network namespace over SSH as a person would: ask the runtime CLI for the container's
 * PID (docker inspect, crictl inspect, rkt status), then `nsenter -n -t PID`.
 */
public final class SshRuntimeNetns implements NetnsEntry {

  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final NodeSessions sessions;
  private final Function<io.netdoctor.core.kube.NodeInfo, NodeTarget> targets;
  private final Transcript transcript;

  public SshRuntimeNetns(NodeSessions sessions, Function<io.netdoctor.core.kube.NodeInfo, NodeTarget> targets,
      Transcript transcript) {
    this.sessions = sessions;
    this.targets = targets;
    this.transcript = transcript;
  }

  /** The runtime CLI command that prints what holds the PID; the ID is validated first. */
  public static Command findPid(ContainerRuntime runtime, String id) {
    return switch (runtime) {
      case DOCKER -> Command.of("docker", "inspect", "-f", "{{.State.Pid}}", RemoteArgs.containerId(id, false));
      case CONTAINERD, CRIO -> Command.of("crictl", "inspect", RemoteArgs.containerId(id, false));
      case RKT -> Command.of("rkt", "status", rktPod(id));
      case UNKNOWN -> throw new NodeAccessException(Failure.RUNTIME_CLI_MISSING,
          "Cannot tell the container runtime: the container ID has no docker://, containerd://, cri-o:// or"
              + " rkt:// prefix and the node reports no containerRuntimeVersion.");
    };
  }

  /** rkt IDs from the kubelet read `UUID:app`; `rkt status` takes the pod UUID. */
  private static String rktPod(String id) {
    String valid = RemoteArgs.containerId(id, true);
    int colon = valid.indexOf(':');
    return colon < 0 ? valid : valid.substring(0, colon);
  }

  static Command nsenter(long pid, Command inside) {
    return inside.after(List.of("nsenter", "-n", "-t", String.valueOf(pid)));
  }

  @Override
  public RuntimePlan plan(PodTarget pod, List<Command> inside) {
    NodeTarget node = targets.apply(pod.node());
    ContainerRuntime runtime = pod.runtime();
    Command bare = findPid(runtime, pod.containerId().id());
    Command find = sessions.privileged(node, bare);
    String extract = switch (runtime) {
      case DOCKER -> "";
      case CONTAINERD, CRIO -> " | jq .info.pid";
      default -> " | sed -n 's/^pid=//p'";
    };
    List<RuntimePlan.Step> steps = new ArrayList<>();
    steps.add(new RuntimePlan.Step("Connect to the node", node.sshCommand().toShell()));
    steps.add(new RuntimePlan.Step("Find the container's PID with " + bare.argv().get(0),
        "PID=$(" + find.toShell() + extract + ")"));
    steps.add(new RuntimePlan.Step("Enter the pod's network namespace",
        withPid(sessions.privileged(node, nsenter(1, Command.of("true"))))));
    for (Command c : inside) {
      steps.add(new RuntimePlan.Step("Run " + c.argv().get(0) + " in the pod's network namespace",
          withPid(sessions.privileged(node, nsenter(1, c)))));
    }
    return new RuntimePlan(runtime, node.node(), steps);
  }

  /** Shows the plan's nsenter line with $PID where the PID will go. */
  private static String withPid(Command c) {
    return c.shownText().replaceFirst(" -t 1( |$)", " -t \"\\$PID\"$1");
  }

  @Override
  public PodNetns enter(PodTarget pod, RuntimePlan.Progress progress) {
    RuntimePlan plan = plan(pod, List.of());
    String source = "pod " + pod.pod();
    transcript.note(source, "Plan for " + pod.pod() + " (" + pod.runtime().label() + " on " + plan.node() + "):");
    for (String line : plan.commands()) {
      transcript.commandText(source, line);
    }
    NodeTarget node = targets.apply(pod.node());
    List<RuntimePlan.Step> steps = plan.steps();

    progress.step(0, steps.get(0), RuntimePlan.Status.RUNNING, node.address());
    try {
      sessions.connect(node);
    } catch (NodeAccessException e) {
      progress.step(0, steps.get(0), RuntimePlan.Status.FAILED, e.getMessage());
      throw e;
    }
    progress.step(0, steps.get(0), RuntimePlan.Status.DONE, node.address());

    progress.step(1, steps.get(1), RuntimePlan.Status.RUNNING, "");
    Command bare = findPid(pod.runtime(), pod.containerId().id());
    long pid;
    try {
      RemoteResult found = sessions.run(node, sessions.privileged(node, bare), STEP_TIMEOUT);
      String program = bare.argv().get(0);
      if (!found.ok()) {
        throw RemoteFailures.classify(found, program, node, "find the container's PID");
      }
      pid = parsePid(pod.runtime(), found.stdout(), pod);
    } catch (NodeAccessException e) {
      progress.step(1, steps.get(1), RuntimePlan.Status.FAILED, e.getMessage());
      transcript.error(source, e.getMessage());
      throw e;
    }
    progress.step(1, steps.get(1), RuntimePlan.Status.DONE, "PID=" + pid);

    progress.step(2, steps.get(2), RuntimePlan.Status.RUNNING, "");
    try {
      RemoteResult entered = sessions.run(node, sessions.privileged(node, nsenter(pid, Command.of("true"))),
          STEP_TIMEOUT);
      if (!entered.ok()) {
        throw RemoteFailures.classify(entered, "nsenter", node, "enter the pod's network namespace");
      }
    } catch (NodeAccessException e) {
      progress.step(2, steps.get(2), RuntimePlan.Status.FAILED, e.getMessage());
      transcript.error(source, e.getMessage());
      throw e;
    }
    progress.step(2, steps.get(2), RuntimePlan.Status.DONE, "nsenter -n -t " + pid);
    return new Entered(pod, node, pid);
  }

  /** The PID from the runtime CLI's answer; 0 means the container is not running. */
  public static long parsePid(ContainerRuntime runtime, String output, PodTarget pod) {
    String text;
    switch (runtime) {
      case CONTAINERD, CRIO -> {
        try {
          JsonNode pid = JSON.readTree(output).path("info").path("pid");
          text = pid.isIntegralNumber() ? String.valueOf(pid.asLong()) : "";
        } catch (JacksonException e) {
          text = "";
        }
      }
      case RKT -> text = output.lines().filter(l -> l.startsWith("pid=")).map(l -> l.substring(4))
          .findFirst().orElse("");
      default -> text = output.strip();
    }
    if (text.strip().equals("0") || text.isBlank()) {
      throw new NodeAccessException(Failure.CONTAINER_GONE, "Container " + pod.container() + " of " + pod.pod()
          + " is not running on node " + pod.node().name() + " (the runtime reports no PID).");
    }
    return RemoteArgs.pid(text);
  }

  private final class Entered implements PodNetns {
    private final PodTarget pod;
    private final NodeTarget node;
    private final long pid;

    Entered(PodTarget pod, NodeTarget node, long pid) {
      this.pod = pod;
      this.node = node;
      this.pid = pid;
    }

    @Override
    public PodTarget pod() {
      return pod;
    }

    @Override
    public long pid() {
      return pid;
    }

    @Override
    public NodeTarget node() {
      return node;
    }

    @Override
    public Command wrap(Command inside) {
      return sessions.privileged(node, nsenter(pid, inside));
    }

    @Override
    public RemoteResult run(Command inside, Duration timeout) {
      return sessions.run(node, wrap(inside), timeout);
    }

    @Override
    public RemoteProcess start(Command inside, RemoteProcess.Listener listener) {
      return sessions.start(node, wrap(inside), listener);
    }
  }
}
