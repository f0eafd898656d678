package io.netdoctor.core.lab;

import java.util.Map;

/** One change a lab makes to the demo world (and, undone, the reset restores). */
public sealed interface WorldChange {

  /** Creates an object given as a Kubernetes manifest (apiVersion, kind, metadata, …). */
  record Add(Map<String, Object> manifest) implements WorldChange {
    public Add {
      manifest = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(manifest));
    }

    public ObjectRef ref() {
      return LabFields.refOf(manifest);
    }
  }

  /**
   * A JSON merge patch (RFC 7386, as `kubectl patch --type merge`) and/or single fields set by path
   * (`status.containerStatuses[0].ready: false`); status fields go to the status subresource.
   */
  record Patch(ObjectRef target, Map<String, Object> merge, Map<String, Object> set) implements WorldChange {
    public Patch {
      merge = merge == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(merge));
      set = set == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(set));
    }

    /** The object after this patch. */
    public Map<String, Object> applyTo(Map<String, Object> object) {
      Map<String, Object> out = MergePatch.apply(object, merge);
      for (var e : set.entrySet()) {
        out = FieldPath.write(out, e.getKey(), e.getValue());
      }
      return out;
    }
  }

  /** Deletes an object. */
  record Delete(ObjectRef target) implements WorldChange {
  }

  /**
   * Changes the demo DNS server's answers for {@code name}: `example.com` (that name), `*.example.com` (it and every
   * name under it) or `api.example.com.*` (that name followed by any domain, as a search path appends). Either
   * {@code rcode} (SERVFAIL, NXDOMAIN, REFUSED), or {@code address} (an A answer), or neither (the usual answer);
   * {@code delayMillis} holds the answer back.
   */
  record Dns(String name, String rcode, String address, int delayMillis) implements WorldChange {
  }

  /** Traffic on a node: TCP SYNs leave on {@code iface} (the pod bridge) and nothing comes back. */
  record UnansweredSyns(String node, String iface) implements WorldChange {
  }

  /**
   * A pod's port answers as {@code state} says, whatever its containers declare: {@code CLOSED} (nothing listens:
   * connections are refused), {@code FILTERED} (a firewall drops what arrives on the pod's address: connections time
   * out) or {@code OPEN} (something listens).
   */
  record PortState(String namespace, String pod, int port, String protocol, State state) implements WorldChange {

    /** What a port check finds. */
    public enum State { OPEN, CLOSED, FILTERED }
  }
}
