package io.netdoctor.core.node;

import com.jcraft.jsch.JSchException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/** Turns JSch's connect failures into the pane's one-line messages. */
final class SshFailures {

  private SshFailures() {
  }

  static NodeAccessException connectFailure(NodeTarget target, HostKeyCheck check, HostKeyTrust trust,
      JSchException e) {
    HostKeyTrust.Verdict refused = check.refused();
    HostKeyTrust.PresentedKey key = check.presented();
    String where = target.node() + " (" + key(target) + ")";
    if (refused != null && key != null) {
      switch (refused.status()) {
        case UNKNOWN:
          return new NodeAccessException(NodeAccessException.Failure.HOST_KEY_UNKNOWN,
              "Unknown host key for " + key.hostEntry() + ": " + key.type() + " " + key.fingerprint()
                  + ". It was not trusted; compare the fingerprint with the node's"
                  + " (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub) and accept it to connect.", e);
        case CHANGED:
          return new NodeAccessException(NodeAccessException.Failure.HOST_KEY_CHANGED,
              "WARNING: the host key of " + key.hostEntry() + " has CHANGED: it now presents " + key.type()
                  + " " + key.fingerprint() + ", but line " + refused.line() + " of " + trust.file()
                  + " holds the old key. Someone may be intercepting the connection. Refused. If the node was"
                  + " reinstalled, remove that line (ssh-keygen -R '" + key.hostEntry() + "' -f "
                  + trust.file() + ") and connect again.", e);
        case REVOKED:
          return new NodeAccessException(NodeAccessException.Failure.HOST_KEY_CHANGED,
              "The host key of " + key.hostEntry() + " (" + key.fingerprint() + ") is marked @revoked on line "
                  + refused.line() + " of " + trust.file() + ". Refused.", e);
        default:
          break;
      }
    }
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (message.startsWith("Auth fail") || message.contains("Auth cancel")) {
      return new NodeAccessException(NodeAccessException.Failure.AUTH_FAILED,
          "Authentication as " + target.user() + " on " + where + " failed: no key was accepted (tried "
              + (target.identityFiles().isEmpty() ? "no key files" : target.identityFiles()) + " and ssh-agent if"
              + " running). Check the user and IdentityFile.", e);
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof NoRouteToHostException
          || t instanceof UnknownHostException || t instanceof SocketTimeoutException) {
        return new NodeAccessException(NodeAccessException.Failure.UNREACHABLE,
            "Cannot reach " + where + ": " + t.getClass().getSimpleName().replace("Exception", "")
                + (t.getMessage() == null ? "" : " (" + t.getMessage() + ")"), e);
      }
    }
    if (message.contains("timeout") || message.contains("timed out")) {
      return new NodeAccessException(NodeAccessException.Failure.UNREACHABLE,
          "Cannot reach " + where + ": connection timed out", e);
    }
    return new NodeAccessException(NodeAccessException.Failure.UNREACHABLE,
        "SSH to " + where + " failed: " + message, e);
  }

  private static String key(NodeTarget target) {
    return target.user() + "@" + target.host() + ":" + target.port();
  }
}
