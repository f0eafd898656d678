package io.netdoctor.demo.api;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.netdoctor.core.kube.InvalidSelectorException;
import io.netdoctor.core.kube.LabelSelector;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers {@code labelSelector} on lists and watches of every resource as a real API server does. The
 * mock's CRUD store gets {@code in} and {@code notin} wrong (it returns every object), so the parameter is
 * taken off, CRUD answers, and the items or watch events are filtered by {@link LabelSelector}; a watch
 * turns an object that stops matching into DELETED and one that starts matching into ADDED, as the
 * API server's watch cache does. An unreadable selector is a 400 BadRequest, as there.
 */
public final class SelectorDispatcher extends Dispatcher {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Dispatcher next;
  private final KubernetesCrudDispatcher crud;

  /** {@code next} answers everything else; {@code crud} is the store behind it. */
  public SelectorDispatcher(Dispatcher next, KubernetesCrudDispatcher crud) {
    this.next = Objects.requireNonNull(next, "next");
    this.crud = Objects.requireNonNull(crud, "crud");
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String full = request.getPath();
    int q = full == null ? -1 : full.indexOf('?');
    if (!"GET".equals(request.getMethod()) || q < 0) {
      return next.dispatch(request);
    }
    String selectorText = null;
    boolean watch = false;
    var kept = new ArrayList<String>();
    for (String param : full.substring(q + 1).split("&")) {
      int eq = param.indexOf('=');
      String name = eq < 0 ? param : param.substring(0, eq);
      String value = eq < 0 ? "" : URLDecoder.decode(param.substring(eq + 1), StandardCharsets.UTF_8);
      if (name.equals("labelSelector")) {
        selectorText = value;
        continue;
      }
      watch |= name.equals("watch") && (value.equals("true") || value.equals("1"));
      kept.add(param);
    }
    if (selectorText == null) {
      return next.dispatch(request);
    }
    LabelSelector selector;
    try {
      selector = LabelSelector.parse(selectorText);
    } catch (InvalidSelectorException e) {
      return badRequest(e.getMessage());
    }
    String path = full.substring(0, q) + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
    return watch ? watch(path, full.substring(0, q), selector) : list(crud.handleGet(path), selector);
  }

  private static MockResponse list(MockResponse response, LabelSelector selector) {
    if (response.code() != 200 || response.getBody() == null) {
      return response;
    }
    JsonNode body = JSON.readTree(response.getBody().readUtf8());
    if (body.get("items") instanceof ArrayNode items && body instanceof ObjectNode list) {
      ArrayNode selected = JSON.createArrayNode();
      for (JsonNode item : items) {
        if (selector.matches(labels(item))) {
          selected.add(item);
        }
      }
      list.set("items", selected);
    }
    return response.setBody(JSON.writeValueAsString(body));
  }

  private MockResponse watch(String path, String listPath, LabelSelector selector) {
    MockResponse response = crud.handleWatch(path);
    WebSocketListener inner = response.getWebSocketListener();
    if (inner == null) {
      return response;
    }
    // what the watcher has been told so far: the objects selected when it starts
    var shown = new HashMap<String, JsonNode>();
    MockResponse current = crud.handleGet(listPath);
    if (current.code() == 200 && current.getBody() != null
        && JSON.readTree(current.getBody().readUtf8()).get("items") instanceof ArrayNode items) {
      for (JsonNode item : items) {
        if (selector.matches(labels(item))) {
          shown.put(key(item), item);
        }
      }
    }
    return response.withWebSocketUpgrade(new SelectingListener(inner, selector, shown));
  }

  static Map<String, String> labels(JsonNode object) {
    JsonNode labels = object.path("metadata").path("labels");
    if (!labels.isObject()) {
      return Map.of();
    }
    var map = new HashMap<String, String>();
    for (var entry : labels.properties()) {
      map.put(entry.getKey(), entry.getValue().asString(""));
    }
    return map;
  }

  private static String key(JsonNode object) {
    return object.path("metadata").path("namespace").asString("") + "/" + object.path("metadata").path("name").asString("");
  }

  private static MockResponse badRequest(String message) {
    var status = JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1").put("status", "Failure")
        .put("message", message).put("reason", "BadRequest").put("code", 400);
    status.putObject("metadata");
    return new MockResponse().setResponseCode(400).setHeader("Content-Type", "application/json")
        .setBody(JSON.writeValueAsString(status));
  }

  @Override
  public void shutdown() {
    next.shutdown();
  }

  /** The mock's watch listener, with a socket that passes on only the events the selector lets through. */
  private static final class SelectingListener extends ForwardingListener {
    private final LabelSelector selector;
    private final Map<String, JsonNode> shown;

    SelectingListener(WebSocketListener inner, LabelSelector selector, Map<String, JsonNode> shown) {
      super(inner);
      this.selector = selector;
      this.shown = shown;
    }

    @Override
    protected WebSocket socket(WebSocket ws) {
      return new SelectingSocket(ws);
    }

    /** The event to send instead of {@code event}, or null to send nothing. */
    private synchronized String select(String event) {
      JsonNode node = JSON.readTree(event);
      String type = node.path("type").asString("");
      JsonNode object = node.get("object");
      if (object == null || !(type.equals("ADDED") || type.equals("MODIFIED") || type.equals("DELETED"))) {
        return event; // BOOKMARK, ERROR
      }
      String key = key(object);
      boolean matches = selector.matches(labels(object));
      boolean known = shown.containsKey(key);
      String as;
      JsonNode sent = object;
      if (type.equals("DELETED")) {
        as = known ? "DELETED" : null;
        shown.remove(key);
      } else if (matches) {
        as = known ? "MODIFIED" : "ADDED";
        shown.put(key, object);
      } else if (known) {
        as = "DELETED"; // it left the selection: the watcher last saw it as it was then
        sent = shown.remove(key);
      } else {
        as = null;
      }
      if (as == null) {
        return null;
      }
      var out = JSON.createObjectNode().put("type", as);
      out.set("object", sent);
      return JSON.writeValueAsString(out);
    }

    private final class SelectingSocket implements WebSocket {
      private final WebSocket ws;

      SelectingSocket(WebSocket ws) {
        this.ws = ws;
      }

      @Override
      public RecordedRequest request() {
        return ws.request();
      }

      @Override
      public boolean send(String text) {
        String selected = select(text);
        return selected == null || ws.send(selected);
      }

      @Override
      public boolean send(byte[] bytes) {
        return ws.send(bytes);
      }

      @Override
      public boolean close(int code, String reason) {
        return ws.close(code, reason);
      }
    }
  }
}
