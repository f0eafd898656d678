package io.netdoctor.core.kube;

import io.fabric8.kubernetes.api.model.Cluster;
import io.fabric8.kubernetes.api.model.ExecConfig;
import io.fabric8.kubernetes.api.model.ExecEnvVar;
import io.netdoctor.core.transcript.Redaction;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A kubeconfig {@code exec} credential plugin run the way kubectl runs it: the command with its
 * arguments as a list (never through a shell), the kubeconfig's {@code env} on top of ours,
 * {@code KUBERNETES_EXEC_INFO}, no stdin, and a time limit. The credential is kept until its
 * {@code expirationTimestamp}; it never reaches an output, a message or the log.
 */
public final class ExecCredentialPlugin implements io.fabric8.kubernetes.client.OAuthTokenProvider {

  /** Seconds a plugin may take; kubectl has no limit, a desktop tool must not hang. */
  public static final String TIMEOUT_PROPERTY = "netdoctor.execCredentialTimeoutSeconds";
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  private static final Logger LOG = LoggerFactory.getLogger(ExecCredentialPlugin.class);
  private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(10);

  /** What the plugin gave: a bearer token, or a client certificate and key (PEM). */
  public record Credential(String token, String clientCertificatePem, String clientKeyPem, Instant expires) {
    @Override
    public String toString() {
      return "Credential[***]";
    }
  }

  private final ExecConfig exec;
  private final Path kubeconfigDir;
  private final Duration timeout;
  private final Cluster cluster;
  private Credential cached;

  public ExecCredentialPlugin(ExecConfig exec, Path kubeconfigDir, Duration timeout) {
    this(exec, kubeconfigDir, timeout, null);
  }

  /**
   * {@code cluster} (its certificate-authority file already absolute) is what a plugin with
   * {@code provideClusterInfo: true} gets in {@code KUBERNETES_EXEC_INFO}; null: the context names none.
   */
  public ExecCredentialPlugin(ExecConfig exec, Path kubeconfigDir, Duration timeout, Cluster cluster) {
    this.exec = exec;
    this.kubeconfigDir = kubeconfigDir;
    this.timeout = timeout;
    this.cluster = cluster;
  }

  /** The time limit from {@value #TIMEOUT_PROPERTY}, else 30 s. */
  public static Duration configuredTimeout() {
    String value = System.getProperty(TIMEOUT_PROPERTY);
    try {
      return value == null || value.isBlank() ? DEFAULT_TIMEOUT : Duration.ofMillis(
          Math.round(Double.parseDouble(value) * 1000));
    } catch (NumberFormatException e) {
      return DEFAULT_TIMEOUT;
    }
  }

  /** The plugin's command as the kubeconfig names it (for messages). */
  public String name() {
    return exec.getCommand();
  }

  /** A valid credential: the cached one, or a fresh one from running the plugin. */
  public synchronized Credential credential() {
    if (cached == null || cached.expires() != null
        && !Instant.now().plus(EXPIRY_MARGIN).isBefore(cached.expires())) {
      cached = run();
    }
    return cached;
  }

  /** Forgets the credential (the API server rejected it): the next request runs the plugin again. */
  public synchronized void forget() {
    cached = null;
  }

  /** The bearer token; fails (no request goes out) when the plugin does. */
  public String token() {
    return credential().token();
  }

  @Override
  public String getToken() {
    return token();
  }

  private Credential run() {
    if (exec.getCommand() == null || exec.getCommand().isBlank()) {
      throw failure("has no command");
    }
    if ("Always".equals(exec.getInteractiveMode())) {
      // kubectl refuses too when its stdin is no terminal; NetDoctor never lends a plugin one (IfAvailable runs non-interactive)
      throw failure("needs a terminal (interactiveMode: Always) and NetDoctor cannot prompt;"
          + " use interactiveMode IfAvailable or Never");
    }
    String execInfo = execInfo(); // before the start: a CA file it cannot read stops here
    var argv = new ArrayList<String>();
    argv.add(command());
    if (exec.getArgs() != null) {
      argv.addAll(exec.getArgs());
    }
    var builder = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    if (exec.getEnv() != null) {
      for (ExecEnvVar variable : exec.getEnv()) {
        if (variable != null && variable.getName() != null) {
          builder.environment().put(variable.getName(), variable.getValue() == null ? "" : variable.getValue());
        }
      }
    }
    builder.environment().put("KUBERNETES_EXEC_INFO", execInfo);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      String hint = exec.getInstallHint() == null ? "" : " " + exec.getInstallHint().strip().replaceAll("\\s*\\R\\s*", " ");
      throw failure("could not be started: " + e.getMessage() + hint);
    }
    LOG.debug("Running credential plugin {}", exec.getCommand());
    CompletableFuture<byte[]> stdout = readAll(process.getInputStream());
    CompletableFuture<byte[]> stderr = readAll(process.getErrorStream());
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(process);
        throw failure("did not finish within " + timeout.toSeconds() + " s");
      }
      int status = process.exitValue();
      if (status != 0) {
        // what it printed on stdout may be a credential: never shown; its stderr is its own explanation
        String why = lastLine(stderr.get(2, TimeUnit.SECONDS));
        throw failure("exited with status " + status + (why.isEmpty() ? "" : ": " + why));
      }
      return parse(stdout.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      kill(process);
      Thread.currentThread().interrupt();
      throw failure("was interrupted");
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      kill(process);
      throw failure("did not close its output");
    }
  }

  private String command() {
    String command = exec.getCommand();
    // kubectl: a relative path with a separator is relative to the kubeconfig's folder; a bare name is looked up on PATH
    if (command.contains("/") && !Path.of(command).isAbsolute() && kubeconfigDir != null) {
      return kubeconfigDir.resolve(command).normalize().toString();
    }
    return command;
  }

  /**
   * What kubectl (client-go) hands the plugin in {@code KUBERNETES_EXEC_INFO}: the ExecCredential's spec with
   * {@code interactive} (always false here: the plugin gets no terminal) and, with {@code provideClusterInfo},
   * the cluster as client-go's {@code ConfigToExecCluster} builds it (server, tls-server-name,
   * insecure-skip-tls-verify, certificate-authority-data from the data or the file, proxy-url, and the
   * cluster's {@code client.authentication.k8s.io/exec} extension as {@code config}).
   */
  String execInfo() {
    JsonMapper json = JsonMapper.builder().build();
    ObjectNode root = json.createObjectNode();
    root.put("apiVersion", apiVersion());
    root.put("kind", "ExecCredential");
    ObjectNode spec = root.putObject("spec");
    if (Boolean.TRUE.equals(exec.getProvideClusterInfo()) && cluster != null) {
      ObjectNode c = spec.putObject("cluster");
      c.put("server", cluster.getServer() == null ? "" : cluster.getServer());
      putIfSet(c, "tls-server-name", cluster.getTlsServerName());
      if (Boolean.TRUE.equals(cluster.getInsecureSkipTlsVerify())) {
        c.put("insecure-skip-tls-verify", true);
      }
      byte[] ca = certificateAuthority();
      if (ca != null && ca.length > 0) {
        c.put("certificate-authority-data", Base64.getEncoder().encodeToString(ca));
      }
      putIfSet(c, "proxy-url", cluster.getProxyUrl());
      if (Boolean.TRUE.equals(cluster.getDisableCompression())) {
        c.put("disable-compression", true);
      }
      if (cluster.getExtensions() != null) {
        cluster.getExtensions().stream()
            .filter(e -> e != null && EXEC_EXTENSION.equals(e.getName()) && e.getExtension() != null)
            .findFirst().ifPresent(e -> c.set("config", json.valueToTree(e.getExtension())));
      }
    }
    spec.put("interactive", false);
    return json.writeValueAsString(root);
  }

  /** The reserved name of a cluster's extension that goes to its exec plugins as {@code spec.cluster.config}. */
  private static final String EXEC_EXTENSION = "client.authentication.k8s.io/exec";

  private static void putIfSet(ObjectNode node, String field, String value) {
    if (value != null && !value.isEmpty()) {
      node.put(field, value);
    }
  }

  /** The CA bundle as bytes: the kubeconfig's data wins over its file, as in client-go. */
  private byte[] certificateAuthority() {
    String data = cluster.getCertificateAuthorityData();
    if (data != null && !data.isBlank()) {
      try {
        return Base64.getMimeDecoder().decode(data.strip());
      } catch (IllegalArgumentException e) {
        throw failure("cannot be given the cluster's certificate-authority-data: it is not base64");
      }
    }
    String file = cluster.getCertificateAuthority();
    if (file == null || file.isBlank()) {
      return null;
    }
    try {
      return java.nio.file.Files.readAllBytes(Path.of(file));
    } catch (IOException e) {
      throw failure("cannot be given the cluster's certificate authority: " + file + " cannot be read");
    }
  }

  private String apiVersion() {
    return exec.getApiVersion() == null ? "client.authentication.k8s.io/v1" : exec.getApiVersion();
  }

  Credential parse(byte[] output) {
    JsonNode root;
    try {
      root = JsonMapper.builder().build().readTree(new String(output, StandardCharsets.UTF_8));
    } catch (JacksonException e) {
      throw failure("printed something that is not an ExecCredential (not JSON)");
    }
    if (root == null || !root.isObject() || !"ExecCredential".equals(root.path("kind").asString(""))) {
      throw failure("printed something that is not an ExecCredential (kind is not ExecCredential)");
    }
    String version = root.path("apiVersion").asString("");
    if (!version.equals(apiVersion())) {
      throw failure("answered with apiVersion '" + version + "', the kubeconfig asks for '" + apiVersion() + "'");
    }
    JsonNode status = root.path("status");
    String token = text(status, "token");
    String cert = text(status, "clientCertificateData");
    String key = text(status, "clientKeyData");
    if (token == null && (cert == null || key == null)) {
      throw failure("gave neither status.token nor status.clientCertificateData and clientKeyData");
    }
    Instant expires = null;
    String expiry = text(status, "expirationTimestamp");
    if (expiry != null) {
      try {
        expires = Instant.parse(expiry);
      } catch (DateTimeParseException e) {
        throw failure("gave an expirationTimestamp that is not RFC 3339: " + Redaction.redactText(expiry));
      }
    }
    return new Credential(token, cert, key, expires);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isString() && !value.asString().isEmpty() ? value.asString() : null;
  }

  private KubeconfigException failure(String reason) {
    return new KubeconfigException("Credential plugin '" + exec.getCommand() + "' " + reason + ".");
  }

  private static CompletableFuture<byte[]> readAll(InputStream in) {
    return CompletableFuture.supplyAsync(() -> {
      try (in) {
        var out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, runnable -> {
      Thread t = new Thread(runnable, "netdoctor-exec-plugin-output");
      t.setDaemon(true);
      t.start();
    });
  }

  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private static String lastLine(byte[] stderr) {
    List<String> lines = new String(stderr, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    if (lines.isEmpty()) {
      return "";
    }
    String line = Redaction.redactText(lines.get(lines.size() - 1).strip());
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }
}
