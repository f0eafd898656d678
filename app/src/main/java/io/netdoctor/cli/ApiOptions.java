package io.netdoctor.cli;

import io.netdoctor.core.route.ApiSettings;
import picocli.CommandLine.Option;

/** What the API route creates: the debug image, a registry mirror for it, and the node debug pods' namespace. */
final class ApiOptions {

  @Option(names = "--debug-image", paramLabel = "IMAGE", description = "Debug image for ephemeral containers and"
      + " node debug pods (API route; default: nicolaka/netshoot).")
  String image;

  @Option(names = "--registry-mirror", paramLabel = "HOST[:PORT]", description = "Pull the debug image through this"
      + " registry mirror (API route).")
  String mirror;

  @Option(names = "--debug-namespace", paramLabel = "NS", description = "Namespace for node debug pods (API route;"
      + " default: default; Pod Security must allow privileged pods there).")
  String namespace;

  /** The settings these options give; a bad image, mirror or namespace is refused with one line. */
  ApiSettings settings() {
    ApiSettings d = ApiSettings.DEFAULT;
    if (image == null && mirror == null && namespace == null) {
      return d;
    }
    return new ApiSettings(image == null ? d.image() : image, mirror, namespace == null ? d.debugNamespace()
        : namespace, d.startTimeout());
  }
}
