package io.netdoctor.core.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.concurrent.CompletableFuture;

/**
 * Authorization for a context whose credential comes from an exec plugin, as kubectl does it: the
 * plugin's token on every request, and on a 401 the plugin runs again and the request is retried
 * once with the new token. Takes the place of fabric8's token interceptor ("TOKEN").
 */
final class PluginAuth implements Interceptor {

  private static final String AUTHORIZATION = "Authorization";
  private final ExecCredentialPlugin plugin;

  private PluginAuth(ExecCredentialPlugin plugin) {
    this.plugin = plugin;
  }

  /** A client for the configuration; with an exec plugin's token, this interceptor handles authorization. */
  static KubernetesClientBuilder builder(Config config) {
    var builder = new KubernetesClientBuilder().withConfig(config);
    if (config.getOauthTokenProvider() instanceof ExecCredentialPlugin plugin) {
      builder.withHttpClientBuilderConsumer(http -> http.addOrReplaceInterceptor("TOKEN", new PluginAuth(plugin)));
    }
    return builder;
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    builder.setHeader(AUTHORIZATION, "Bearer " + plugin.token()); // a failing plugin stops the request here
  }

  @Override
  public CompletableFuture<Boolean> afterFailure(BasicBuilder builder, HttpResponse<?> response, RequestTags tags) {
    if (response.code() != 401) {
      return CompletableFuture.completedFuture(false);
    }
    String rejected = plugin.token();
    plugin.forget();
    String fresh = plugin.token();
    if (fresh.equals(rejected)) {
      return CompletableFuture.completedFuture(false); // the same credential again: the 401 stands
    }
    builder.setHeader(AUTHORIZATION, "Bearer " + fresh);
    return CompletableFuture.completedFuture(true);
  }
}
