package io.netdoctor.demo.node;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * The demo's keys, kept in its folder so they stay the same across runs: one ECDSA P-256 host key per
 * node (JSch verifies it on any JDK without Bouncy Castle) and the demo user's key pair (`id_ecdsa`).
 */
final class DemoKeys {

  private final Path dir;

  DemoKeys(Path dir) {
    this.dir = dir;
  }

  /** The node's host key, generated on first use. */
  java.security.KeyPair hostKey(String node) throws IOException {
    Path file = dir.resolve("host-keys").resolve(node + ".key");
    try {
      KeyFactory ec = KeyFactory.getInstance("EC");
      if (Files.isRegularFile(file)) {
        List<String> lines = Files.readAllLines(file);
        if (lines.size() >= 2) {
          var decoder = Base64.getDecoder();
          return new java.security.KeyPair(ec.generatePublic(new X509EncodedKeySpec(decoder.decode(lines.get(1)))),
              ec.generatePrivate(new PKCS8EncodedKeySpec(decoder.decode(lines.get(0)))));
        }
      }
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      java.security.KeyPair pair = generator.generateKeyPair();
      var encoder = Base64.getEncoder();
      writePrivate(file, encoder.encodeToString(pair.getPrivate().getEncoded()) + "\n"
          + encoder.encodeToString(pair.getPublic().getEncoded()) + "\n");
      return pair;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException("The demo host key " + file + " is damaged; delete it to make a new one.", e);
    }
  }

  /** The demo user's private key file (OpenSSH/PEM, read by JSch and ssh alike), generated on first use. */
  Path identity() throws IOException {
    Path key = dir.resolve("id_ecdsa");
    Path pub = dir.resolve("id_ecdsa.pub");
    if (Files.isRegularFile(key) && Files.isRegularFile(pub)) {
      return key;
    }
    try {
      KeyPair pair = KeyPair.genKeyPair(new JSch(), KeyPair.ECDSA, 256);
      var privateKey = new ByteArrayOutputStream();
      pair.writePrivateKey(privateKey);
      var publicKey = new ByteArrayOutputStream();
      pair.writePublicKey(publicKey, "core@netdoctor-demo");
      pair.dispose();
      writePrivate(key, privateKey.toString(StandardCharsets.US_ASCII));
      Files.writeString(pub, publicKey.toString(StandardCharsets.US_ASCII));
      return key;
    } catch (JSchException e) {
      throw new IOException("Cannot make the demo's SSH key: " + e.getMessage(), e);
    }
  }

  /** `ecdsa-sha2-nistp256 AAAA…` of the demo user's key, what the nodes accept. */
  String authorizedKey() throws IOException {
    identity();
    String[] fields = Files.readString(dir.resolve("id_ecdsa.pub")).strip().split("\\s+");
    return fields[0] + " " + fields[1];
  }

  private static void writePrivate(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the folder's own permissions protect it
      }
      Files.writeString(temp, text);
      Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
