package io.netdoctor.core.kube;

import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Cluster;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * The fabric8 configuration of a context whose user has an {@code exec} credential plugin. fabric8
 * 8.0.0 runs such plugins itself through {@code sh -c} with the arguments joined into one string
 * (fabric8 PR #7965 is open), so NetDoctor removes the {@code exec} section, runs the plugin itself
 * ({@link ExecCredentialPlugin}) and hands fabric8 the credential.
 */
final class ContextConfig {

  private ContextConfig() {
  }

  /** The configuration with the plugin's credential, or null when the context's user has no plugin. */
  static Config withPluginCredentials(List<Path> files, String context) {
    var parsed = files.stream().map(f -> KubeConfigUtils.parseConfig(f.toFile())).toList();
    // kubectl's merge: the first file that names an entry wins
    Entry<NamedContext> ctx = first(files, parsed, io.fabric8.kubernetes.api.model.Config::getContexts,
        NamedContext::getName, context);
    if (ctx == null || ctx.value().getContext() == null || ctx.value().getContext().getUser() == null) {
      return null;
    }
    Entry<NamedAuthInfo> user = first(files, parsed, io.fabric8.kubernetes.api.model.Config::getUsers,
        NamedAuthInfo::getName, ctx.value().getContext().getUser());
    if (user == null || user.value().getUser() == null || user.value().getUser().getExec() == null) {
      return null;
    }
    Entry<NamedCluster> cluster = first(files, parsed, io.fabric8.kubernetes.api.model.Config::getClusters,
        NamedCluster::getName, ctx.value().getContext().getCluster());
    Path userDir = user.file().toAbsolutePath().getParent();
    Cluster clusterInfo = cluster == null ? null : cluster.value().getCluster();
    if (clusterInfo != null) {
      clusterInfo.setCertificateAuthority(absolute(cluster.file().toAbsolutePath().getParent(),
          clusterInfo.getCertificateAuthority()));
    }
    var plugin = new ExecCredentialPlugin(user.value().getUser().getExec(), userDir,
        ExecCredentialPlugin.configuredTimeout(), clusterInfo);
    ExecCredentialPlugin.Credential credential = plugin.credential(); // a failing plugin stops here, before any request

    AuthInfo auth = user.value().getUser();
    auth.setExec(null);
    auth.setClientCertificate(absolute(userDir, auth.getClientCertificate()));
    auth.setClientKey(absolute(userDir, auth.getClientKey()));
    auth.setTokenFile(absolute(userDir, auth.getTokenFile()));
    var only = new io.fabric8.kubernetes.api.model.Config();
    only.setApiVersion("v1");
    only.setKind("Config");
    only.setContexts(List.of(ctx.value()));
    only.setUsers(List.of(user.value()));
    if (cluster != null) {
      only.setClusters(List.of(cluster.value())); // its certificate-authority file made absolute above
    }
    only.setCurrentContext(context);
    Config config = Config.fromKubeconfig(Serialization.asYaml(only));
    if (credential.token() != null) {
      config.setOauthToken(null);
      config.setOauthTokenProvider(plugin); // PluginAuth finds it there to re-run it on a 401
    } else {
      Base64.Encoder base64 = Base64.getEncoder();
      config.setClientCertData(base64.encodeToString(credential.clientCertificatePem().getBytes(StandardCharsets.UTF_8)));
      config.setClientKeyData(base64.encodeToString(credential.clientKeyPem().getBytes(StandardCharsets.UTF_8)));
      config.setClientCertFile(null);
      config.setClientKeyFile(null);
    }
    return config;
  }

  private record Entry<T>(Path file, T value) {
  }

  private static <T> Entry<T> first(List<Path> files, List<io.fabric8.kubernetes.api.model.Config> parsed,
      Function<io.fabric8.kubernetes.api.model.Config, List<T>> list, Function<T, String> name, String wanted) {
    for (int i = 0; i < parsed.size(); i++) {
      var entries = parsed.get(i) == null ? null : list.apply(parsed.get(i));
      if (entries != null) {
        for (T entry : entries) {
          if (entry != null && wanted != null && wanted.equals(name.apply(entry))) {
            return new Entry<>(files.get(i), entry);
          }
        }
      }
    }
    return null;
  }

  private static String absolute(Path dir, String file) {
    return file == null || file.isBlank() || Path.of(file).isAbsolute() || dir == null ? file
        : dir.resolve(file).normalize().toString();
  }
}
