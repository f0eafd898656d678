package io.netdoctor.ui.dns;

import io.netdoctor.ui.common.Icons;
import io.netdoctor.ui.tree.TreeEntry;
import java.util.List;
import javafx.scene.control.MenuItem;

/** The DNS items of the tree's right-click menus: Service → Resolve; Pod → PTR and its point of view. */
final class DnsTreeActions {

  private final DnsController dns;

  DnsTreeActions(DnsController dns) {
    this.dns = dns;
  }

  List<MenuItem> items(TreeEntry entry) {
    if (entry instanceof TreeEntry.ServiceEntry s) {
      boolean srv = s.service().ports().stream().anyMatch(p -> !p.name().isEmpty());
      return List.of(item("dnsResolveService", srv ? "Resolve (A and SRV)" : "Resolve", () -> dns.resolveService(s.service())));
    }
    if (entry instanceof TreeEntry.PodEntry p) {
      MenuItem ptr = item("dnsResolvePodIp", "Resolve pod IP (PTR)", () -> dns.resolvePodIp(p.pod()));
      ptr.setDisable(p.pod().podIP().isEmpty());
      MenuItem inside = item("dnsResolveInsideThisPod", "Resolve from inside this pod (dig in its debug container)",
          () -> dns.resolveInside(p.pod()));
      inside.setDisable(p.pod().node() == null || p.pod().node().isEmpty());
      return List.of(ptr, item("dnsResolveFromThisPod", "Resolve from this pod's point of view", () -> dns.resolveFrom(p.pod())),
          inside);
    }
    if (entry instanceof TreeEntry.ClusterEntry) {
      return List.of(item("dnsCheckCluster", "Check cluster DNS", dns::checkFromTree));
    }
    return List.of();
  }

  private static MenuItem item(String id, String text, Runnable action) {
    MenuItem item = new MenuItem(text, Icons.of(Icons.DNS));
    item.setId(id);
    item.setOnAction(e -> action.run());
    return item;
  }
}
