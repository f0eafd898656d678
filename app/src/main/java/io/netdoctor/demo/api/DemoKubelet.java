package io.netdoctor.demo.api;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.netdoctor.demo.DemoWorld;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The demo nodes' kubelet for what the API creates at run time: a pod bound to a demo node (a node debug pod)
 * goes ContainerCreating then Running; an ephemeral container added to a pod starts shortly after. An image
 * that cannot exist ({@code …doesnotexist…}) waits in ErrImagePull, then ImagePullBackOff, with the events a
 * kubelet posts, so a client's failure path can be seen offline.
 */
public final class DemoKubelet implements AutoCloseable {

  /** Images the demo's registries do not have. */
  private static final Pattern MISSING_IMAGE = Pattern.compile("(?i)does-?not-?exist");
  static final Duration START = Duration.ofMillis(300);
  static final Duration BACK_OFF = Duration.ofMillis(1_500);

  private final ScheduledExecutorService steps = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "netdoctor-demo-kubelet");
    t.setDaemon(true);
    return t;
  });
  private final Random random = new Random();
  private volatile KubernetesClient client;

  /** From now on the kubelet reports through {@code client} (the demo's own, owned by the demo). */
  public void start(KubernetesClient client) {
    this.client = client;
  }

  /** A pod was created: when it is bound to a demo node and nobody reported on it yet, start its containers. */
  void podCreated(String namespace, String name) {
    later(START, () -> {
      Pod pod = pod(namespace, name);
      Node node = pod == null ? null : node(pod.getSpec().getNodeName());
      if (node == null || (pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null
          && !pod.getStatus().getContainerStatuses().isEmpty())) {
        return;
      }
      String hostIp = internalIp(node);
      String podIp = Boolean.TRUE.equals(pod.getSpec().getHostNetwork()) ? hostIp : freeIp(node);
      String now = Instant.now().toString();
      List<ContainerStatus> creating = new ArrayList<>();
      pod.getSpec().getContainers().forEach(c -> creating.add(new ContainerStatusBuilder().withName(c.getName())
          .withImage(c.getImage()).withImageID("").withReady(false).withStarted(false).withRestartCount(0)
          .withState(waiting("ContainerCreating", null)).build()));
      editStatus(namespace, name, p -> {
        p.getStatus().setPhase("Pending");
        p.getStatus().setHostIP(hostIp);
        p.getStatus().setStartTime(now);
        p.getStatus().setQosClass("BestEffort");
        p.getStatus().setConditions(List.of(condition("PodScheduled", "True", now),
            condition("Initialized", "True", now), condition("Ready", "False", now),
            condition("ContainersReady", "False", now)));
        p.getStatus().setContainerStatuses(creating);
        return p;
      });
      event(pod, "Normal", "Scheduled", "Successfully assigned " + namespace + "/" + name + " to " + nodeName(node));
      later(START, () -> startContainers(namespace, name, node, podIp));
    });
  }

  private void startContainers(String namespace, String name, Node node, String podIp) {
    Pod pod = pod(namespace, name);
    if (pod == null) {
      return;
    }
    List<ContainerStatus> statuses = new ArrayList<>();
    boolean allRunning = true;
    for (var c : pod.getSpec().getContainers()) {
      boolean pulls = pull(pod, c.getName(), c.getImage());
      allRunning &= pulls;
      statuses.add(pulls ? running(c.getName(), c.getImage(), node)
          : new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage()).withImageID("")
              .withReady(false).withStarted(false).withRestartCount(0)
              .withState(waiting("ErrImagePull", pullError(c.getImage()))).build());
    }
    String now = Instant.now().toString();
    boolean running = allRunning;
    editStatus(namespace, name, p -> {
      p.getStatus().setPodIP(podIp);
      p.getStatus().setPodIPs(List.of(new io.fabric8.kubernetes.api.model.PodIP(podIp)));
      p.getStatus().setContainerStatuses(statuses);
      if (running) {
        p.getStatus().setPhase("Running");
        p.getStatus().setConditions(List.of(condition("PodScheduled", "True", now),
            condition("Initialized", "True", now), condition("Ready", "True", now),
            condition("ContainersReady", "True", now)));
      }
      return p;
    });
    if (!running) {
      later(BACK_OFF, () -> backOff(namespace, name, false));
    }
  }

  /** An ephemeral container was added to a pod: start those that have no status yet. */
  void ephemeralContainersAdded(String namespace, String name) {
    later(START, () -> {
      Pod pod = pod(namespace, name);
      Node node = pod == null ? null : node(pod.getSpec().getNodeName());
      if (node == null) {
        return; // no kubelet runs this pod: its ephemeral containers stay without a status, as on a real cluster
      }
      Set<String> known = new HashSet<>();
      if (pod.getStatus() != null && pod.getStatus().getEphemeralContainerStatuses() != null) {
        pod.getStatus().getEphemeralContainerStatuses().forEach(s -> known.add(s.getName()));
      }
      List<ContainerStatus> added = new ArrayList<>();
      boolean failed = false;
      for (EphemeralContainer c : pod.getSpec().getEphemeralContainers()) {
        if (known.contains(c.getName())) {
          continue;
        }
        boolean pulls = pull(pod, c.getName(), c.getImage());
        failed |= !pulls;
        added.add(pulls ? running(c.getName(), c.getImage(), node)
            : new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage()).withImageID("")
                .withReady(false).withRestartCount(0).withState(waiting("ErrImagePull", pullError(c.getImage())))
                .build());
      }
      if (added.isEmpty()) {
        return;
      }
      editStatus(namespace, name, p -> {
        List<ContainerStatus> all = new ArrayList<>();
        if (p.getStatus().getEphemeralContainerStatuses() != null) {
          all.addAll(p.getStatus().getEphemeralContainerStatuses());
        }
        all.addAll(added);
        p.getStatus().setEphemeralContainerStatuses(all);
        return p;
      });
      if (failed) {
        later(BACK_OFF, () -> backOff(namespace, name, true));
      }
    });
  }

  /** ErrImagePull turns into ImagePullBackOff (and the kubelet keeps retrying, in vain). */
  private void backOff(String namespace, String name, boolean ephemeral) {
    Pod pod = pod(namespace, name);
    if (pod == null) {
      return;
    }
    editStatus(namespace, name, p -> {
      var statuses = ephemeral ? p.getStatus().getEphemeralContainerStatuses() : p.getStatus().getContainerStatuses();
      for (ContainerStatus s : statuses == null ? List.<ContainerStatus>of() : statuses) {
        if (s.getState() != null && s.getState().getWaiting() != null
            && "ErrImagePull".equals(s.getState().getWaiting().getReason())) {
          s.setState(waiting("ImagePullBackOff", "Back-off pulling image \"" + s.getImage() + "\""));
          event(p, "Normal", "BackOff", "Back-off pulling image \"" + s.getImage() + "\"");
          event(p, "Warning", "Failed", "Error: ImagePullBackOff");
        }
      }
      return p;
    });
  }

  /** Posts the pull events; false when the image does not exist. */
  private boolean pull(Pod pod, String container, String image) {
    event(pod, "Normal", "Pulling", "Pulling image \"" + image + "\"");
    if (image == null || MISSING_IMAGE.matcher(image).find()) {
      event(pod, "Warning", "Failed", "Failed to pull image \"" + image + "\": " + pullError(image));
      event(pod, "Warning", "Failed", "Error: ErrImagePull");
      return false;
    }
    event(pod, "Normal", "Pulled", "Successfully pulled image \"" + image + "\" in 412ms (412ms including waiting)");
    event(pod, "Normal", "Created", "Created container " + container);
    event(pod, "Normal", "Started", "Started container " + container);
    return true;
  }

  private static String pullError(String image) {
    String ref = image == null ? "" : image.contains("/") ? image : "docker.io/library/" + image;
    return "rpc error: code = NotFound desc = failed to pull and unpack image \"" + ref + "\": failed to resolve "
        + "reference \"" + ref + "\": " + ref + ": not found";
  }

  private ContainerStatus running(String name, String image, Node node) {
    String runtime = node.getStatus().getNodeInfo().getContainerRuntimeVersion().replaceFirst("://.*", "");
    String id = hex(64);
    String containerId = runtime.equals("rkt") ? "rkt://" + java.util.UUID.randomUUID() + ":" + name
        : runtime + "://" + id;
    return new ContainerStatusBuilder().withName(name).withImage(image).withImageID(image + "@sha256:" + hex(64))
        .withContainerID(containerId).withReady(true).withStarted(true).withRestartCount(0)
        .withState(new ContainerStateBuilder().withNewRunning().withStartedAt(Instant.now().toString()).endRunning()
            .build())
        .build();
  }

  private static ContainerState waiting(String reason, String message) {
    return new ContainerStateBuilder().withNewWaiting().withReason(reason).withMessage(message).endWaiting().build();
  }

  private static io.fabric8.kubernetes.api.model.PodCondition condition(String type, String status, String at) {
    return new PodConditionBuilder().withType(type).withStatus(status).withLastTransitionTime(at).build();
  }

  /** The next pod IP of the node's pod CIDR that no pod holds (from .50, clear of the seeded pods). */
  private String freeIp(Node node) {
    String cidr = node.getSpec().getPodCIDR() == null ? "10.2.0.0/24" : node.getSpec().getPodCIDR();
    String prefix = cidr.substring(0, cidr.lastIndexOf('.') + 1);
    Set<String> taken = new HashSet<>();
    client.pods().inAnyNamespace().list().getItems().forEach(p -> {
      if (p.getStatus() != null && p.getStatus().getPodIP() != null) {
        taken.add(p.getStatus().getPodIP());
      }
    });
    for (int i = 50; i < 255; i++) {
      if (!taken.contains(prefix + i)) {
        return prefix + i;
      }
    }
    return prefix + "254";
  }

  private Pod pod(String namespace, String name) {
    return client.pods().inNamespace(namespace).withName(name).get();
  }

  private Node node(String name) {
    return name == null ? null : client.nodes().withName(name).get();
  }

  private static String nodeName(Node node) {
    return node.getMetadata().getName();
  }

  private static String internalIp(Node node) {
    return node.getStatus().getAddresses().stream().filter(a -> "InternalIP".equals(a.getType()))
        .map(NodeAddress::getAddress).findFirst().orElse("10.0.0.1");
  }

  private void editStatus(String namespace, String name, UnaryOperator<Pod> change) {
    try {
      client.pods().inNamespace(namespace).withName(name).editStatus(p -> {
        if (p.getStatus() == null) {
          p.setStatus(new io.fabric8.kubernetes.api.model.PodStatus());
        }
        return change.apply(p);
      });
    } catch (KubernetesClientException e) {
      // the pod was deleted meanwhile: nothing left to report on
    }
  }

  private void event(Pod pod, String type, String reason, String message) {
    try {
      var event = DemoWorld.event(pod, type, reason, message, Instant.now());
      event.getMetadata().setName(event.getMetadata().getName() + hex(6)); // several events in one millisecond
      client.v1().events().resource(event).create();
    } catch (KubernetesClientException e) {
      // an event with the same name this millisecond: the first one tells it
    }
  }

  private void later(Duration delay, Runnable step) {
    if (client == null || steps.isShutdown()) {
      return;
    }
    steps.schedule(() -> {
      try {
        step.run();
      } catch (RuntimeException e) {
        // a kubelet step that fails leaves the pod as it was; the demo must keep serving
      }
    }, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private synchronized String hex(int length) {
    var sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(Character.forDigit(random.nextInt(16), 16));
    }
    return sb.toString();
  }

  @Override
  public void close() {
    steps.shutdownNow();
  }
}
