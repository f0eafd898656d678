package io.netdoctor.core.kube;

import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;

/** A paged list ({@code limit}/{@code continue}) read page by page, the next page fetched while this one is used. */
final class Pages {

  /** A thread of its own for the blocking fetch: the common pool has one thread on a 2-core machine. */
  private static final java.util.concurrent.Executor PREFETCH = java.util.concurrent.Executors.newCachedThreadPool(
      run -> {
        Thread thread = new Thread(run, "netdoctor-next-page");
        thread.setDaemon(true);
        return thread;
      });

  private Pages() {
  }

  /** True when the server has more after {@code page} (it sent a continue token). */
  static boolean more(KubernetesResourceList<?> page) {
    return page.getMetadata() != null && page.getMetadata().getContinue() != null
        && !page.getMetadata().getContinue().isEmpty();
  }

  /**
   * Hands {@code first} and each page after it to {@code use}, in order; {@code fetch} gets the continue token
   * of the page before. While one page is in use the next is already on its way, so the server's time and the
   * caller's overlap. A failed fetch is thrown as it was.
   */
  static <L extends KubernetesResourceList<?>> void from(L first, Function<String, L> fetch, Consumer<L> use) {
    L current = first;
    while (current != null) {
      String token = more(current) ? current.getMetadata().getContinue() : null;
      CompletableFuture<L> next = token == null ? null
          : CompletableFuture.supplyAsync(() -> fetch.apply(token), PREFETCH);
      try {
        use.accept(current);
      } catch (RuntimeException | Error e) {
        if (next != null) {
          next.cancel(false);
        }
        throw e;
      }
      current = next == null ? null : join(next);
    }
  }

  private static <L> L join(CompletableFuture<L> next) {
    try {
      return next.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }
}
