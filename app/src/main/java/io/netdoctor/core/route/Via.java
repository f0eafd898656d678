package io.netdoctor.core.route;

import java.util.Locale;

/** How a context reaches nodes: over SSH, through the Kubernetes API, or Automatic (the API when SSH fails). */
public enum Via {
  SSH, API, AUTO;

  /** {@code ssh}, {@code api} or {@code auto}, as the command line writes them. */
  public static Via parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("Unknown route '" + text + "': expected ssh, api or auto.");
    }
  }

  public String label() {
    return switch (this) {
      case SSH -> "SSH";
      case API -> "Kubernetes API";
      case AUTO -> "Automatic";
    };
  }
}
