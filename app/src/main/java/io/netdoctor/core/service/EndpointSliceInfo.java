package io.netdoctor.core.service;

import java.util.List;

/**
 * One EndpointSlice of a Service (or its Endpoints object, on a cluster without discovery.k8s.io/v1): its
 * ports and each endpoint's addresses with the ready / serving / terminating conditions.
 */
public record EndpointSliceInfo(String name, String addressType, List<SlicePort> ports, List<Endpoint> endpoints) {

  public EndpointSliceInfo {
    ports = List.copyOf(ports);
    endpoints = List.copyOf(endpoints);
  }

  /** A port of the slice: the Service port's name, the number the pods receive on, the protocol. */
  public record SlicePort(String name, int port, String protocol) {
  }

  /**
   * One endpoint: {@code ready} is what kube-proxy routes to; {@code serving} is readiness regardless of
   * termination; {@code pod} and {@code node} are empty when the endpoint names none.
   */
  public record Endpoint(List<String> addresses, boolean ready, boolean serving, boolean terminating, String pod,
      String node) {
    public Endpoint {
      addresses = List.copyOf(addresses);
    }
  }
}
