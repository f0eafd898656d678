package io.netdoctor.core.node;

import io.netdoctor.core.platform.UserDirs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Host keys trusted as OpenSSH does, in an OpenSSH known_hosts file: plain, wildcard and hashed
 * (`|1|salt|hash`) entries, `[host]:port` for other ports, `@revoked` honoured. A new key is stored only
 * when accepted; a changed key is refused, naming the line that holds the old one. There is no bypass.
 */
public final class HostKeyTrust {

  /** The outcome of looking a key up. {@code line} is the 1-based known_hosts line (0 when none). */
  public record Verdict(Status status, int line, List<String> knownTypes) {
  }

  /** OK: known; UNKNOWN: no key of this type for the host; CHANGED: another key of this type; REVOKED. */
  public enum Status { OK, UNKNOWN, CHANGED, REVOKED }

  /** A key the server presented: host, port, type and the SHA256 fingerprint as `ssh-keygen -lf` prints it. */
  public record PresentedKey(String host, int port, String type, String fingerprint) {
    /** The known_hosts name: `host`, or `[host]:port` for a port other than 22. */
    public String hostEntry() {
      return HostKeyTrust.hostEntry(host, port);
    }
  }

  /** Decides about a key never seen for the host (a dialog in the UI, a flag in the CLI); runs on the connecting thread. */
  @FunctionalInterface
  public interface Prompt {
    boolean acceptNewKey(PresentedKey key);

    Prompt REJECT = key -> false;
    Prompt ACCEPT = key -> true;
  }

  private final Path file;
  private final boolean hashNewEntries;

  public HostKeyTrust(Path file, boolean hashNewEntries) {
    this.file = file;
    this.hashNewEntries = hashNewEntries;
  }

  public static Path defaultPath() {
    return UserDirs.current().sshDir().resolve("known_hosts");
  }

  public Path file() {
    return file;
  }

  /** Looks the key up for host:port. */
  public synchronized Verdict check(String host, int port, byte[] keyBlob) {
    String type = keyType(keyBlob);
    int changedLine = 0;
    boolean ok = false;
    List<String> knownTypes = new ArrayList<>();
    for (KnownLine known : matching(host, port)) {
      if ("@revoked".equals(known.marker())) {
        if (Arrays.equals(known.key(), keyBlob)) {
          return new Verdict(Status.REVOKED, known.number(), knownTypes);
        }
        continue;
      }
      if (known.marker() != null) {
        continue; // @cert-authority: host certificates are not used here
      }
      knownTypes.add(known.type());
      if (Arrays.equals(known.key(), keyBlob)) {
        ok = true;
      } else if (known.type().equals(type) && changedLine == 0) {
        changedLine = known.number();
      }
    }
    if (ok) {
      return new Verdict(Status.OK, 0, knownTypes);
    }
    return changedLine > 0 ? new Verdict(Status.CHANGED, changedLine, knownTypes)
        : new Verdict(Status.UNKNOWN, 0, knownTypes);
  }

  /** The trusted key blobs for host:port (no markers). */
  public synchronized List<byte[]> knownKeys(String host, int port) {
    return matching(host, port).stream().filter(k -> k.marker() == null).map(KnownLine::key).toList();
  }

  private record KnownLine(int number, String marker, String type, byte[] key) {
  }

  private List<KnownLine> matching(String host, int port) {
    String entry = hostEntry(host, port);
    List<KnownLine> out = new ArrayList<>();
    List<String> lines = readLines();
    for (int i = 0; i < lines.size(); i++) {
      String[] f = lines.get(i).strip().split("\\s+");
      if (f.length < 3 || f[0].startsWith("#")) {
        continue;
      }
      String marker = f[0].startsWith("@") ? f[0] : null;
      int o = marker == null ? 0 : 1;
      if (f.length < o + 3 || !hostMatches(f[o], entry)) {
        continue;
      }
      try {
        out.add(new KnownLine(i + 1, marker, f[o + 1], Base64.getDecoder().decode(f[o + 2])));
      } catch (IllegalArgumentException e) {
        // a damaged line is skipped, as ssh does
      }
    }
    return out;
  }

  /** Appends the key for host:port (hashed when configured), creating ~/.ssh and the file as ssh does. */
  public synchronized void accept(String host, int port, byte[] keyBlob) {
    String entry = hostEntry(host, port);
    String name = hashNewEntries ? hash(entry) : entry;
    String line = name + " " + keyType(keyBlob) + " " + Base64.getEncoder().encodeToString(keyBlob) + "\n";
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      if (Files.exists(file)) {
        byte[] existing = Files.readAllBytes(file);
        if (existing.length > 0 && existing[existing.length - 1] != '\n') {
          line = "\n" + line;
        }
      }
      Files.writeString(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new NodeAccessException(NodeAccessException.Failure.PERMISSION_DENIED,
          "Cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** The key as the user sees it before deciding. */
  public static PresentedKey present(String host, int port, byte[] keyBlob) {
    return new PresentedKey(host, port, keyType(keyBlob), fingerprint(keyBlob));
  }

  /** `SHA256:` and the unpadded base64 of the key blob's SHA-256, exactly as `ssh-keygen -lf` prints it. */
  public static String fingerprint(byte[] keyBlob) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyBlob);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The algorithm name at the start of an SSH public key blob (`ssh-ed25519`, `ssh-rsa`, ...). */
  public static String keyType(byte[] keyBlob) {
    ByteBuffer b = ByteBuffer.wrap(keyBlob);
    int length = b.getInt();
    if (length <= 0 || length > 64 || length > b.remaining()) {
      throw new IllegalArgumentException("not an SSH public key");
    }
    return new String(keyBlob, 4, length, StandardCharsets.US_ASCII);
  }

  static String hostEntry(String host, int port) {
    return port == 22 ? host : "[" + host + "]:" + port;
  }

  private List<String> readLines() {
    try {
      return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      throw new NodeAccessException(NodeAccessException.Failure.PERMISSION_DENIED,
          "Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** OpenSSH's rules: comma-separated patterns, `!` negates, `*`/`?` wildcards, or one `|1|salt|hash`. */
  static boolean hostMatches(String patterns, String entry) {
    if (patterns.startsWith("|1|")) {
      String[] parts = patterns.split("\\|");
      if (parts.length != 4) {
        return false;
      }
      try {
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        return MessageDigest.isEqual(hmac(salt, entry), Base64.getDecoder().decode(parts[3]));
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
    boolean matched = false;
    for (String p : patterns.split(",")) {
      boolean negated = p.startsWith("!");
      if (SshConfigFile.glob(negated ? p.substring(1) : p, entry)) {
        if (negated) {
          return false;
        }
        matched = true;
      }
    }
    return matched;
  }

  static String hash(String entry) {
    byte[] salt = new byte[20];
    new SecureRandom().nextBytes(salt);
    var b64 = Base64.getEncoder();
    return "|1|" + b64.encodeToString(salt) + "|" + b64.encodeToString(hmac(salt, entry));
  }

  private static byte[] hmac(byte[] salt, String entry) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(salt, "HmacSHA1"));
      return mac.doFinal(entry.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
