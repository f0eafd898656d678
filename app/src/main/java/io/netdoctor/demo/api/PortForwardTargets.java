package io.netdoctor.demo.api;

import java.net.InetSocketAddress;

/** Where the demo API server sends a pod port-forward: a real local TCP address, or null when nothing listens. */
@FunctionalInterface
public interface PortForwardTargets {

  InetSocketAddress target(String namespace, String pod, int port);
}
