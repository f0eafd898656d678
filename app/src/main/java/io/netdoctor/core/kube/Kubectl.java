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

  /**
   * `kubectl [--context NAME] ARGS…`. The caller passes a context whenever a pasted command would otherwise
   * reach another cluster (the chosen context is not the kubeconfig's current one), null when it would not.
   */
  public static Command command(String context, String... args) {
    return command(flags(context), args);
  }

  /** `kubectl FLAGS… ARGS…`, the flags being what reaches the cluster ({@code --kubeconfig}, {@code --context}). */
  public static Command command(List<String> flags, String... args) {
    List<String> argv = new ArrayList<>();
    argv.add("kubectl");
    argv.addAll(flags);
    argv.addAll(List.of(args));
    return new Command(argv);
  }

  /** {@code --context NAME}, or nothing for a null context. */
  public static List<String> flags(String context) {
    return context == null || context.isBlank() ? List.of() : List.of("--context", context);
  }
}
