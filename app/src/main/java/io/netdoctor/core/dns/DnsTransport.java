package io.netdoctor.core.dns;

/** How a query travels: UDP (dig's default) or TCP (`dig +vc`, the only way through a port-forward). */
public enum DnsTransport {
  UDP, TCP
}
