package io.netdoctor.demo.node;

import java.util.Locale;
import java.util.Set;

/**
 * What a demo container's image carries. The demo's app and debug images carry the toolbox's tools (as netshoot does);
 * busybox has its applets (a shell, nc, nslookup) but no dig or tcpdump; a distroless image such as CoreDNS's has
 * nothing but its own program: no shell at all, as `kubectl exec … -- sh` finds on a real cluster.
 */
public enum ImageTools {
  FULL, BUSYBOX, DISTROLESS;

  private static final Set<String> NOT_IN_BUSYBOX = Set.of("dig", "tcpdump", "ss", "iptables-save", "ipvsadm");

  /** By the image's name: distroless and CoreDNS images, busybox images, everything else. */
  public static ImageTools of(String image) {
    String name = image == null ? "" : image.toLowerCase(Locale.ROOT);
    if (name.contains("distroless") || name.contains("coredns/coredns")) {
      return DISTROLESS;
    }
    return name.contains("busybox") ? BUSYBOX : FULL;
  }

  /** Whether {@code program} (a path or a name) exists in such an image. */
  public boolean has(String program) {
    String name = program.substring(program.lastIndexOf('/') + 1);
    return switch (this) {
      case FULL -> true;
      case BUSYBOX -> !NOT_IN_BUSYBOX.contains(name);
      case DISTROLESS -> name.equals("coredns");
    };
  }
}
