package io.netdoctor.core.route;

import io.netdoctor.core.kube.KubeNames;
import io.netdoctor.core.node.DebugContainer;
import java.time.Duration;

/**
 * What the API route creates: the debug image (a toolbox with nc, dig and tcpdump), pulled through a registry mirror
 * when one is set, the namespace node debug pods go to (Pod Security Admission must allow privileged pods there) and
 * how long a debug container may take to start.
 */
public record ApiSettings(String image, String mirror, String debugNamespace, Duration startTimeout) {

  public static final ApiSettings DEFAULT = new ApiSettings(DebugContainer.DEFAULT_IMAGE, null, "default",
      Duration.ofSeconds(120));

  public ApiSettings {
    image = DebugContainer.imageRef(image, mirror); // validated, mirror applied
    mirror = null;
    debugNamespace = KubeNames.namespace(debugNamespace == null || debugNamespace.isBlank() ? "default" : debugNamespace);
  }

  public ApiSettings withStartTimeout(Duration timeout) {
    return new ApiSettings(image, null, debugNamespace, timeout);
  }
}
