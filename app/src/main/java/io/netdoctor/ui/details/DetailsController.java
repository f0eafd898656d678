package io.netdoctor.ui.details;

import io.netdoctor.core.kube.ClusterConnection;
import io.netdoctor.core.kube.ClusterQueries;
import io.netdoctor.core.kube.KubeErrors;
import io.netdoctor.core.kube.PodDetails;
import io.netdoctor.core.kube.PodInfo;
import io.netdoctor.core.kube.PodRef;
import io.netdoctor.ui.common.BackgroundTask;
import io.netdoctor.ui.common.TaskExecutor;
import io.netdoctor.ui.common.TaskGroup;
import io.netdoctor.ui.tree.TreeEntry;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import javafx.beans.value.ObservableValue;
import javafx.scene.Parent;

/** The details pane: follows the tree's selection; fetches events off the FX thread. */
public final class DetailsController {

  private final DetailsModel model = new DetailsModel();
  private final DetailsView view = new DetailsView(model);
  private final TaskGroup tasks;
  private final Supplier<ClusterConnection> connection;
  private final java.util.List<java.util.function.Function<TreeEntry, java.util.List<javafx.scene.Node>>> actions =
      new java.util.ArrayList<>();
  private Object describedKey;

  public DetailsController(ObservableValue<TreeEntry> selection, TaskExecutor tasks,
      Supplier<ClusterConnection> connection) {
    // a failure says so in the events line; a newer selection's describe supersedes an older one
    this.tasks = new TaskGroup(tasks, error -> model.detailsNote.set("Events unavailable: " + KubeErrors.describe(error)));
    this.connection = connection;
    selection.addListener((obs, old, entry) -> show(entry));
  }

  public Parent view() {
    return view.root;
  }

  /** Adds buttons for the selected row; {@code provider} returns none for rows it does not serve. */
  public void addActions(java.util.function.Function<TreeEntry, java.util.List<javafx.scene.Node>> provider) {
    actions.add(provider);
  }

  private void show(TreeEntry entry) {
    if (entry instanceof TreeEntry.DeletedEntry) {
      // keep what was shown and its events, marked deleted; nothing to act on or fetch any more
      model.actions.clear();
      model.entry.set(entry);
      return;
    }
    if (!Objects.equals(entry, model.entry.get()) || model.actions.isEmpty()) {
      model.actions.setAll(actions.stream().flatMap(a -> a.apply(entry).stream()).toList());
    }
    Object key = describeKey(entry);
    if (!Objects.equals(key, describedKey)) {
      describedKey = key;
      model.details.set(null);
      model.service.set(null);
      model.detailsNote.set("");
      model.entry.set(entry);
      fetch(entry);
    } else {
      model.entry.set(entry);
    }
  }

  /** Events are fetched again when the object changes identity or restarts. */
  private static Object describeKey(TreeEntry entry) {
    PodInfo pod = entry instanceof TreeEntry.PodEntry p ? p.pod()
        : entry instanceof TreeEntry.ContainerEntry c ? c.pod() : null;
    if (pod != null) {
      return pod.uid() + "#" + pod.restarts() + "#" + pod.status();
    }
    if (entry instanceof TreeEntry.NodeEntry n) {
      return "node:" + n.node().name();
    }
    return entry;
  }

  private void fetch(TreeEntry entry) {
    if (entry instanceof TreeEntry.ServiceEntry s) {
      fetchService(s.service());
      return;
    }
    ClusterQueries current = ClusterQueries.of(connection.get()).orElse(null);
    if (current == null) {
      tasks.cancel("describe");
      return;
    }
    Callable<PodDetails> work;
    if (entry instanceof TreeEntry.PodEntry p) {
      PodRef ref = p.pod().ref();
      work = () -> current.describePod(ref);
    } else if (entry instanceof TreeEntry.ContainerEntry c) {
      PodRef ref = c.pod().ref();
      work = () -> current.describePod(ref);
    } else if (entry instanceof TreeEntry.NodeEntry n) {
      String node = n.node().name();
      work = () -> current.describeNode(node);
    } else {
      tasks.cancel("describe"); // a row without details: a describe still on its way must not fill the pane
      return;
    }
    model.detailsNote.set("Loading events…");
    tasks.latest("describe", BackgroundTask.of("describe", work).onSuccess(details -> {
      model.detailsNote.set(details.events().isEmpty() ? "No recent events." : "");
      model.details.set(details);
    }));
  }

  /** A Service's pods, EndpointSlices and events (`kubectl get endpointslices`, `describe service`). */
  private void fetchService(io.netdoctor.core.kube.ServiceInfo service) {
    var lookup = io.netdoctor.core.service.ServiceLookup.of(connection.get()).orElse(null);
    if (lookup == null) {
      tasks.cancel("describe");
      return;
    }
    model.detailsNote.set("Loading pods, endpoints and events…");
    tasks.latest("describe", BackgroundTask.of("describe-service",
        () -> lookup.fetch(service.namespace(), service.name())).onSuccess(found -> {
          model.detailsNote.set(found.isEmpty() ? "The Service is gone from the API server."
              : found.get().events().isEmpty() ? "No recent events." : "");
          model.service.set(found.orElse(null));
        }));
  }
}
