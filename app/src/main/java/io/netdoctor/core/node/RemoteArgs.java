package io.netdoctor.core.node;

import java.net.InetAddress;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Validators for values that reach a remote command: anything that cannot be valid is refused
 * before a byte is sent, with a one-line reason. Quoting itself is {@link io.netdoctor.core.command.Command}'s job;
 * these checks are the second fence.
 */
public final class RemoteArgs {

  private static final Pattern HEX_ID = Pattern.compile("[0-9a-f]{12,64}");
  /** rkt pods are UUIDs (a prefix is enough); kubelet appends ":appname". */
  private static final Pattern RKT_ID = Pattern.compile("[0-9a-f]{8}[0-9a-f-]{0,28}(:[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)?");
  /** Linux interface names: at most 15 bytes, no '/', no whitespace; we also refuse a leading '-'. */
  private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:@-]{0,14}");
  /** A Docker image reference: [registry[:port]/]path[:tag][@digest]. */
  private static final Pattern IMAGE = Pattern.compile(
      "[a-z0-9]([a-z0-9._-]*[a-z0-9])?(:[0-9]{1,5})?(/[a-z0-9]([a-z0-9._-]*[a-z0-9])?)*"
          + "(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[0-9a-f]{64})?");
  private static final Pattern MIRROR = Pattern.compile(
      "[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?(/[a-z0-9]([a-z0-9._-]*[a-z0-9])?)*");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252}[A-Za-z0-9])?|[0-9a-fA-F:.]+");
  private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_.-]{0,31}\\$?");
  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]{2,39}");

  private RemoteArgs() {
  }

  /** A container ID as the runtime CLI takes it (hex for docker/containerd/cri-o; UUID for rkt). */
  public static String containerId(String id, boolean rkt) {
    require(id != null && (rkt ? RKT_ID : HEX_ID).matcher(id).matches(), "container ID",
        id, rkt ? "an rkt pod UUID" : "12 to 64 lowercase hex digits");
    return id;
  }

  public static int port(int port) {
    require(port >= 1 && port <= 65535, "port", String.valueOf(port), "a number from 1 to 65535");
    return port;
  }

  /** Parses a user-typed port ("6379"), refusing anything but 1-65535. */
  public static int port(String text) {
    String t = text == null ? "" : text.strip();
    require(t.matches("[0-9]{1,5}"), "port", text, "a number from 1 to 65535");
    return port(Integer.parseInt(t));
  }

  /** A comma-separated port list such as "6379,8080". */
  public static List<Integer> ports(String text) {
    require(text != null && !text.isBlank(), "port list", text, "ports separated by commas");
    return java.util.Arrays.stream(text.split(",", -1)).map(RemoteArgs::port).distinct().toList();
  }

  public static String interfaceName(String name) {
    require(name != null && INTERFACE.matcher(name).matches(), "interface name", name,
        "1-15 letters, digits or . _ - : @, not starting with '-'");
    return name;
  }

  public static String image(String image) {
    require(image != null && image.length() <= 255 && IMAGE.matcher(image).matches(), "image", image,
        "an image reference such as nicolaka/netshoot:latest");
    return image;
  }

  public static String registryMirror(String mirror) {
    require(mirror != null && mirror.length() <= 255 && MIRROR.matcher(mirror).matches(), "registry mirror",
        mirror, "a registry host with optional port and path, such as mirror.example.com:5000");
    return mirror;
  }

  /** An IP address literal (the pod IP); names are not accepted here. */
  public static String ipAddress(String ip) {
    boolean ok = false;
    if (ip != null) {
      var v4 = IPV4.matcher(ip);
      if (v4.matches()) {
        ok = true;
        for (int i = 1; i <= 4; i++) {
          ok &= Integer.parseInt(v4.group(i)) <= 255;
        }
      } else if (IPV6.matcher(ip).matches() && ip.contains(":")) {
        try {
          ok = InetAddress.getByName(ip) != null; // a literal: no lookup happens
        } catch (java.net.UnknownHostException e) {
          ok = false;
        }
      }
    }
    require(ok, "IP address", ip, "an IPv4 or IPv6 address");
    return ip;
  }

  /** A host name or address for SSH (never passed to a shell, but checked so a '-' cannot become an option). */
  public static String host(String host) {
    require(host != null && host.length() <= 253 && HOST.matcher(host).matches(), "host", host,
        "a host name or IP address");
    return host;
  }

  public static String user(String user) {
    require(user != null && USER.matcher(user).matches(), "user name", user, "a POSIX user name");
    return user;
  }

  public static long pid(String text) {
    String t = text == null ? "" : text.strip();
    require(t.matches("[0-9]{1,10}") && Long.parseLong(t) > 0, "PID", text, "a positive number");
    return Long.parseLong(t);
  }

  private static void require(boolean ok, String what, String value, String expected) {
    if (!ok) {
      throw new NodeAccessException(NodeAccessException.Failure.INVALID_INPUT,
          "Refused " + what + " " + shown(value) + ": expected " + expected + ". Nothing was sent to the node.");
    }
  }

  /** The refused value, printable on one line and short. */
  static String shown(String value) {
    if (value == null) {
      return "(none)";
    }
    String oneLine = value.replaceAll("\\p{Cntrl}", "?");
    return "'" + (oneLine.length() > 60 ? oneLine.substring(0, 57) + "..." : oneLine) + "'";
  }
}
