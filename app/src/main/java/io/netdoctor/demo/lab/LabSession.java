package io.netdoctor.demo.lab;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.netdoctor.core.command.Command;
import io.netdoctor.core.kube.KubeObjects;
import io.netdoctor.core.kube.Kubectl;
import io.netdoctor.core.kube.PolicyObjects;
import io.netdoctor.core.lab.Lab;
import io.netdoctor.core.lab.ObjectRef;
import io.netdoctor.core.lab.Question;
import io.netdoctor.core.lab.Verification;
import io.netdoctor.core.lab.WorldChange;
import io.netdoctor.core.policy.PolicyPod;
import io.netdoctor.core.policy.PolicySet;
import io.netdoctor.core.transcript.Transcript;
import io.netdoctor.demo.DemoCluster;
import io.netdoctor.demo.dns.DnsFaults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One lab in place on the demo cluster: its changes made (each written to the transcript as the kubectl line that
 * would make it), the answer and the fix checked, and {@link #reset()} restoring every object it touched exactly as
 * it was, the DNS answers, the traffic and the pods' port states. Closing resets. Blocking (API calls): call it from a worker thread.
 */
public final class LabSession implements AutoCloseable {

  private static final String SOURCE = "lab";

  private final DemoCluster demo;
  private final Lab lab;
  private final Transcript transcript;
  private final List<String> kubectlFlags;
  private final DemoObjects objects;
  /** Each object as it was before the lab first touched it (null: it did not exist). */
  private final Map<ObjectRef, Map<String, Object>> before = new LinkedHashMap<>();
  private final List<String> silencedBridges = new ArrayList<>();
  private final List<WorldChange.PortState> changedPorts = new ArrayList<>();
  private boolean active;

  private LabSession(DemoCluster demo, Lab lab, Transcript transcript, List<String> kubectlFlags) {
    this.demo = demo;
    this.lab = lab;
    this.transcript = transcript;
    this.kubectlFlags = List.copyOf(kubectlFlags);
    this.objects = new DemoObjects(demo.client());
  }

  /** Makes {@code lab}'s changes on {@code demo}; a change that fails undoes those made and throws. */
  public static synchronized LabSession inject(DemoCluster demo, Lab lab, Transcript transcript,
      List<String> kubectlFlags) {
    var session = new LabSession(demo, lab, transcript, kubectlFlags);
    transcript.note(SOURCE, "Lab " + lab.name() + " (" + lab.title() + "): injecting its fault into the demo cluster");
    session.active = true;
    try {
      session.apply(lab.changes());
    } catch (RuntimeException e) {
      session.reset();
      throw new IllegalStateException("Lab " + lab.name() + " could not be injected: " + e.getMessage(), e);
    }
    return session;
  }

  public Lab lab() {
    return lab;
  }

  public boolean active() {
    return active;
  }

  /** Checks a picked broken object and cause against the lab's question. */
  public Question.Outcome answer(String object, String cause) {
    if (lab.question() == null) {
      return new Question.Outcome(false, "This lab has no question: apply the fix and verify it.");
    }
    Question.Outcome outcome = lab.question().check(object, cause);
    transcript.note(SOURCE, "Answer " + (outcome.right() ? "accepted" : "refused") + ": " + object + " — " + cause);
    return outcome;
  }

  /** Applies the lab's fix action (the trainee chose it), then verifies. */
  public synchronized Question.Outcome applyFix() {
    if (lab.verification() == null) {
      return new Question.Outcome(false, "This lab has no fix action: answer its question.");
    }
    Question.Outcome now = verify();
    if (now.right()) {
      // pressed twice, or fixed by hand: nothing to apply
      return new Question.Outcome(true, now.message().replaceFirst("^Fixed", "Already fixed"));
    }
    transcript.note(SOURCE, "Fix: " + lab.verification().fixTitle());
    apply(lab.verification().fix());
    return verify();
  }

  /** Whether the world now holds what the lab's verification expects (fixed in the app or by hand with kubectl). */
  public Question.Outcome verify() {
    if (lab.verification() == null) {
      return new Question.Outcome(false, "This lab has no verification: answer its question.");
    }
    for (var e : lab.verification().expect()) {
      if (e instanceof Verification.FieldEquals f) {
        transcript.command(SOURCE, kubectl(on("get", f.target(), "-o", "jsonpath={." + f.path() + "}")));
      } else if (e instanceof Verification.PolicyVerdict v) {
        transcript.command(SOURCE, kubectl("get", "networkpolicies", "--all-namespaces", "-o", "yaml"));
        for (var pods : List.of(v.from(), v.to())) {
          transcript.command(SOURCE, kubectl(selecting(pods, "get", "pods", "--namespace=" + pods.namespace(),
              "--show-labels", "-o", "wide")));
        }
        transcript.note(SOURCE, "Verdict wanted: " + v.describe() + " (the NetworkPolicy pane's engine)");
      }
    }
    return lab.verification().check(world());
  }

  /** The demo as the verification sees it: objects, pods chosen by labels, the NetworkPolicies now. */
  private Verification.World world() {
    return new Verification.World() {
      @Override
      public Map<String, Object> read(ObjectRef ref) {
        return objects.read(ref);
      }

      @Override
      public List<PolicyPod> pods(Verification.Pods pods) {
        return demo.client().pods().inNamespace(pods.namespace()).withLabels(pods.labels()).list().getItems().stream()
            .map(KubeObjects::pod).map(PolicyObjects::pod).toList();
      }

      @Override
      public PolicySet policies() {
        return PolicyObjects.listAll(demo.client());
      }
    };
  }

  private static String[] selecting(Verification.Pods pods, String... args) {
    var all = new ArrayList<>(List.of(args));
    if (!pods.labels().isEmpty()) {
      all.add("--selector=" + pods.selector());
    }
    return all.toArray(String[]::new);
  }

  /** Restores the healthy world: every touched object as it was, the DNS answers, the traffic. Idempotent. */
  public synchronized void reset() {
    if (!active) {
      return;
    }
    active = false;
    var refs = new ArrayList<>(before.keySet());
    java.util.Collections.reverse(refs);
    RuntimeException failure = null;
    for (ObjectRef ref : refs) {
      try {
        restore(ref, before.get(ref));
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    before.clear();
    demo.dns().faults().clear();
    demo.nodes().ifPresent(n -> silencedBridges.forEach(b -> {
      String[] nodeAndBridge = b.split(" ");
      n.traffic().unansweredSyns(nodeAndBridge[0], nodeAndBridge[1], false);
    }));
    silencedBridges.clear();
    demo.nodes().ifPresent(n -> changedPorts.forEach(p -> n.traffic().portState(p.namespace(), p.pod(), p.port(),
        p.protocol(), null)));
    changedPorts.clear();
    transcript.note(SOURCE, "Lab " + lab.name() + " reset: the demo cluster is healthy again");
    try {
      if (!lab.reset().isEmpty()) {
        applyUntracked(lab.reset());
      }
    } catch (RuntimeException e) {
      failure = failure == null ? e : failure;
    }
    if (failure != null) {
      throw new IllegalStateException("Lab " + lab.name() + " reset incompletely: " + failure.getMessage(), failure);
    }
  }

  @Override
  public void close() {
    reset();
  }

  private void restore(ObjectRef ref, Map<String, Object> old) {
    if (old == null) {
      transcript.command(SOURCE, kubectl(on("delete", ref)));
      objects.delete(ref);
    } else {
      Map<String, Object> clean = new LinkedHashMap<>(old);
      transcript.commandText(SOURCE, "echo " + Command.quote(objects.json(old)) + " | "
          + kubectl("replace", "-f", "-").toShell() + "  # as it was before the lab");
      objects.replace(clean);
    }
  }

  private void apply(List<WorldChange> changes) {
    for (WorldChange change : changes) {
      remember(change);
      applyOne(change);
    }
  }

  private void applyUntracked(List<WorldChange> changes) {
    changes.forEach(this::applyOne);
  }

  private void remember(WorldChange change) {
    ObjectRef ref = change instanceof WorldChange.Add add ? add.ref()
        : change instanceof WorldChange.Patch patch ? patch.target()
        : change instanceof WorldChange.Delete delete ? delete.target() : null;
    if (ref != null && !before.containsKey(ref)) {
      before.put(ref, objects.read(ref));
    }
  }

  private void applyOne(WorldChange change) {
    if (change instanceof WorldChange.Add add) {
      // there already (the trainee made part of the fix by hand): replaced, not refused with a conflict
      boolean there = objects.read(add.ref()) != null;
      transcript.commandText(SOURCE, "echo " + Command.quote(objects.json(add.manifest())) + " | "
          + kubectl(there ? "replace" : "create", "-f", "-").toShell());
      if (there) {
        objects.replace(add.manifest());
      } else {
        objects.create(add.manifest());
      }
    } else if (change instanceof WorldChange.Patch patch) {
      patch(patch);
    } else if (change instanceof WorldChange.Delete delete) {
      transcript.command(SOURCE, kubectl(on("delete", delete.target())));
      objects.delete(delete.target());
    } else if (change instanceof WorldChange.Dns dns) {
        demo.dns().faults().add(new DnsFaults.Fault(dns.name(), dns.rcode(), dns.address(), dns.delayMillis()));
        transcript.note(SOURCE, "The cluster DNS now answers " + dns.name() + " with "
            + (dns.rcode() != null ? dns.rcode() : dns.address() != null ? "A " + dns.address() : "its usual answer")
            + (dns.delayMillis() > 0 ? " after " + dns.delayMillis() + " ms" : "")
            + " (on a real cluster: a CoreDNS Corefile change or a slow upstream)");
    } else if (change instanceof WorldChange.UnansweredSyns syns) {
        var nodes = demo.nodes().orElseThrow(() -> new IllegalStateException("the demo nodes are not running"));
        nodes.traffic().unansweredSyns(syns.node(), syns.iface(), true);
        silencedBridges.add(syns.node() + " " + syns.iface());
        transcript.note(SOURCE, "On " + syns.node() + ", TCP SYNs now leave on " + syns.iface()
            + " and nothing comes back");
    } else if (change instanceof WorldChange.PortState port) {
      var nodes = demo.nodes().orElseThrow(() -> new IllegalStateException("the demo nodes are not running"));
      nodes.traffic().portState(port.namespace(), port.pod(), port.port(), port.protocol(), port.state());
      changedPorts.add(port);
      transcript.note(SOURCE, "Pod " + port.namespace() + "/" + port.pod() + ": port " + port.port() + "/"
          + port.protocol() + " is now " + port.state().name().toLowerCase(Locale.ROOT) + switch (port.state()) {
            case CLOSED -> " (on a real cluster: the process stopped listening; connections are refused)";
            case FILTERED -> " (on a real cluster: a firewall in the pod drops the packets; connections time out)";
            case OPEN -> " (on a real cluster: a process listens on it)";
          });
    }
  }

  private void patch(WorldChange.Patch patch) {
    ObjectRef ref = patch.target();
    Map<String, Object> current = objects.read(ref);
    if (current == null) {
      throw new IllegalArgumentException("no " + ref + " to patch");
    }
    if (!patch.merge().isEmpty()) {
      transcript.command(SOURCE, kubectl(on("patch", ref, "--type", "merge", "-p", objects.json(patch.merge()))));
    }
    for (var e : patch.set().entrySet()) {
      String pointer = "/" + e.getKey().replaceAll("\\[(\\d+)]", ".$1").replace('.', '/');
      var op = new LinkedHashMap<String, Object>();
      op.put("op", "replace");
      op.put("path", pointer);
      op.put("value", e.getValue());
      String[] args = on("patch", ref, "--type", "json", "-p", objects.json(List.of(op)));
      transcript.command(SOURCE, e.getKey().startsWith("status.") ? kubectl(args).with("--subresource=status")
          : kubectl(args));
    }
    objects.replace(patch.applyTo(current));
  }

  /** `VERB KIND NAME [--namespace=NS] MORE…`. */
  private static String[] on(String verb, ObjectRef ref, String... more) {
    var args = new ArrayList<String>(List.of(verb, ref.kind().toLowerCase(Locale.ROOT), ref.name()));
    if (!ref.namespace().isEmpty()) {
      args.add("--namespace=" + ref.namespace());
    }
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  private Command kubectl(String... args) {
    return Kubectl.command(kubectlFlags, args);
  }

  /** The demo world's objects, for tests comparing it before and after a lab. */
  public static Map<ObjectRef, Map<String, Object>> snapshot(DemoCluster demo) {
    var objects = new DemoObjects(demo.client());
    var out = new java.util.TreeMap<ObjectRef, Map<String, Object>>(java.util.Comparator.comparing(ObjectRef::toString));
    for (String kind : List.of("Service", "Endpoints", "EndpointSlice", "Pod", "NetworkPolicy", "ConfigMap", "Node")) {
      for (HasMetadata o : demo.client().resources(DemoObjects.type(kind)).inAnyNamespace().list().getItems()) {
        Map<String, Object> m = objects.map(o);
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = new LinkedHashMap<>((Map<String, Object>) m.get("metadata"));
        meta.remove("resourceVersion");
        meta.remove("generation");
        meta.remove("managedFields");
        m.put("metadata", meta);
        out.put(new ObjectRef(kind, o.getMetadata().getNamespace(), o.getMetadata().getName()), m);
      }
    }
    return out;
  }
}
