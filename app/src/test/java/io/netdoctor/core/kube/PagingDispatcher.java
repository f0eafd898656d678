package io.netdoctor.core.kube;

import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Pages pod lists the way the API server does ({@code limit}, then {@code continue} until it is empty),
 * over CRUD's full list: the CRUD mock ignores both parameters (a limitation, see TESTING.md), so this
 * dispatcher slices CRUD's answer. Records the queries of the pod lists and watches it answered.
 */
final class PagingDispatcher extends Dispatcher {

  private final KubernetesCrudDispatcher crud;
  /** The query maps of the pod list requests, in order. */
  final List<Map<String, String>> podLists = new CopyOnWriteArrayList<>();
  /** The query maps of the pod watch requests, in order. */
  final List<Map<String, String>> podWatches = new CopyOnWriteArrayList<>();

  PagingDispatcher(KubernetesCrudDispatcher crud) {
    this.crud = crud;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getPath();
    int question = path.indexOf('?');
    Map<String, String> query = query(question < 0 ? "" : path.substring(question + 1));
    String bare = question < 0 ? path : path.substring(0, question);
    boolean pods = "GET".equals(request.getMethod()) && bare.matches("/api/v1(/namespaces/[^/]+)?/pods");
    boolean podList = pods && !"true".equals(query.get("watch"));
    if (pods && !podList) {
      podWatches.add(query);
    }
    if (!podList) {
      return crud.dispatch(request);
    }
    podLists.add(query);
    MockResponse full = crud.dispatch(request);
    if (!query.containsKey("limit") || full.code() != 200) {
      return full;
    }
    PodList list = Serialization.unmarshal(full.getBody().readUtf8(), PodList.class);
    int from = query.containsKey("continue") ? Integer.parseInt(query.get("continue")) : 0;
    int to = Math.min(list.getItems().size(), from + Integer.parseInt(query.get("limit")));
    int rest = list.getItems().size() - to;
    list.getMetadata().setContinue(rest > 0 ? Integer.toString(to) : null);
    list.getMetadata().setRemainingItemCount(rest > 0 ? (long) rest : null);
    list.setItems(List.copyOf(list.getItems().subList(from, to)));
    return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
        .setBody(Serialization.asJson(list));
  }

  private static Map<String, String> query(String query) {
    Map<String, String> values = new HashMap<>();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return values;
  }
}
