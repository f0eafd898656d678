package io.netdoctor.core.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A network interface as `ip -o -d link` lists it: name, kind (bridge, veth, vxlan… or "" ) and state. */
public record NetInterface(String name, String kind, boolean up) {

  /** Kinds worth naming in a chooser; `ip -d` prints them as a bare word in the details. */
  private static final List<String> KINDS = List.of("bridge", "veth", "vxlan", "bond", "vlan", "macvlan",
      "ipvlan", "tun", "wireguard", "geneve", "dummy", "ifb", "ipip", "gre", "sit");
  private static final Pattern LINE = Pattern.compile("^\\d+: ([^:@]+)(?:@[^:]+)?: <([^>]*)>(.*)$");

  /** Parses `ip -o -d link` output; lines it cannot read are skipped. */
  public static List<NetInterface> parse(String output) {
    List<NetInterface> all = new ArrayList<>();
    for (String line : output.lines().toList()) {
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        continue;
      }
      String details = " " + m.group(3).replace("\\", " ") + " ";
      String kind = m.group(1).equals("lo") ? "loopback" : "";
      for (String k : KINDS) {
        if (details.contains(" " + k + " ")) {
          kind = k;
          break;
        }
      }
      boolean up = List.of(m.group(2).split(",")).contains("UP");
      all.add(new NetInterface(m.group(1), kind, up));
    }
    return all;
  }

  /** "cni0 (bridge)" or "eth0", with "down" when it is. */
  public String describe() {
    String extra = kind.isEmpty() ? "" : kind;
    if (!up) {
      extra = extra.isEmpty() ? "down" : extra + ", down";
    }
    return extra.isEmpty() ? name : name + " (" + extra + ")";
  }
}
