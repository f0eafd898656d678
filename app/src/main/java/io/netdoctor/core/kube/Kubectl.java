package io.netdoctor.core.kube;

import io.netdoctor.core.command.Command;
import java.util.ArrayList;
import java.util.List;

/** Builds the kubectl command a person would type for an action on a context. */
public final class Kubectl {

  /** The context name the demo cluster's kubeconfig uses. */
  public static final String DEMO_CONTEXT = "netdoctor-demo";

  private Kubectl() {
  }

  /** `kubectl [--context NAME] ARGS…`; the context flag is left out for the demo (its kubeconfig is current). */
  public static Command command(String context, String... args) {
    List<String> argv = new ArrayList<>();
    argv.add("kubectl");
    if (context != null && !context.isBlank() && !DEMO_CONTEXT.equals(context)) {
      argv.add("--context");
      argv.add(context);
    }
    argv.addAll(List.of(args));
    return new Command(argv);
  }
}
