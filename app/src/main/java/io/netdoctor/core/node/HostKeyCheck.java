package io.netdoctor.core.node;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;

/**
 * JSch's view of {@link HostKeyTrust} for one connection: it knows the real host and port, asks the prompt
 * about a new key, stores it only on acceptance, and remembers why it said no so the error can say so.
 */
final class HostKeyCheck implements HostKeyRepository {

  private final HostKeyTrust trust;
  private final String host;
  private final int port;
  private final HostKeyTrust.Prompt prompt;
  private volatile HostKeyTrust.Verdict refused;
  private volatile HostKeyTrust.PresentedKey presented;

  HostKeyCheck(HostKeyTrust trust, String host, int port, HostKeyTrust.Prompt prompt) {
    this.trust = trust;
    this.host = host;
    this.port = port;
    this.prompt = prompt;
  }

  @Override
  public int check(String ignoredHost, byte[] key) {
    presented = HostKeyTrust.present(host, port, key);
    HostKeyTrust.Verdict verdict = trust.check(host, port, key);
    switch (verdict.status()) {
      case OK:
        return OK;
      case UNKNOWN:
        if (prompt.acceptNewKey(presented)) {
          trust.accept(host, port, key);
          return OK;
        }
        refused = verdict;
        return NOT_INCLUDED;
      default:
        refused = verdict;
        return CHANGED;
    }
  }

  /** Why the key was refused (null when it was not), with the key that was presented. */
  HostKeyTrust.Verdict refused() {
    return refused;
  }

  HostKeyTrust.PresentedKey presented() {
    return presented;
  }

  @Override
  public void add(HostKey hostkey, UserInfo ui) {
    // keys are added in check(), only after the prompt accepted them
  }

  @Override
  public void remove(String host, String type) {
  }

  @Override
  public void remove(String host, String type, byte[] key) {
  }

  @Override
  public String getKnownHostsRepositoryID() {
    return trust.file().toString();
  }

  @Override
  public HostKey[] getHostKey() {
    return new HostKey[0];
  }

  /** Lets JSch prefer the key types already known for this host, as OpenSSH does. */
  @Override
  public HostKey[] getHostKey(String ignoredHost, String type) {
    return trust.knownKeys(host, port).stream()
        .filter(k -> type == null || type.equals(HostKeyTrust.keyType(k)))
        .map(k -> {
          try {
            return new HostKey(HostKeyTrust.hostEntry(host, port), k);
          } catch (JSchException e) {
            return null;
          }
        })
        .filter(java.util.Objects::nonNull)
        .toArray(HostKey[]::new);
  }
}
