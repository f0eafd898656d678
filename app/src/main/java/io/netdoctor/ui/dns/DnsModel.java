package io.netdoctor.ui.dns;

import io.netdoctor.core.dns.CheckItem;
import io.netdoctor.core.dns.ClusterDns;
import io.netdoctor.core.dns.EveryDnsPod;
import io.netdoctor.core.dns.HistoryEntry;
import io.netdoctor.core.dns.SearchStep;
import io.netdoctor.core.dns.ServerChoice;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The DNS pane's state: the question being typed, the last result, history and the other views. */
final class DnsModel {

  static final List<String> TYPES = List.of("A", "AAAA", "SRV", "PTR", "CNAME", "TXT", "MX", "NS", "SOA", "ANY");

  /** The badge's colour: green for NOERROR, red for a DNS failure or no answer, amber for a timeout. */
  enum Badge { NONE, OK, BAD, WARN }

  /** The result views, one tab each. */
  enum View { ANSWER, HISTORY, COMPARE, EVERY_POD, SEARCH_PATH, CHECKLIST }

  final StringProperty name = new SimpleStringProperty("");
  final StringProperty type = new SimpleStringProperty("A");
  final StringProperty server = new SimpleStringProperty(ServerChoice.CLUSTER_DNS);
  final ObservableList<String> servers = FXCollections.observableArrayList(ServerChoice.CLUSTER_DNS);
  final StringProperty fromPod = new SimpleStringProperty("");
  final StringProperty domain = new SimpleStringProperty(ClusterDns.DEFAULT_DOMAIN);
  final ObservableList<String> completions = FXCollections.observableArrayList();
  final BooleanProperty busy = new SimpleBooleanProperty();
  final StringProperty busyText = new SimpleStringProperty("");

  /** A one-line problem (bad input, timeout, no DNS pod…); empty when there is none. */
  final StringProperty message = new SimpleStringProperty("");
  final StringProperty status = new SimpleStringProperty("");
  final ObjectProperty<Badge> badge = new SimpleObjectProperty<>(Badge.NONE);
  final BooleanProperty truncated = new SimpleBooleanProperty();
  final StringProperty answerCount = new SimpleStringProperty("");
  /** The zone's SOA from the authority section when there is no answer (NXDOMAIN, NODATA). */
  final StringProperty soa = new SimpleStringProperty("");
  final StringProperty latency = new SimpleStringProperty("");
  final StringProperty answeredBy = new SimpleStringProperty("");
  final StringProperty text = new SimpleStringProperty("");

  final ObservableList<HistoryEntry> history = FXCollections.observableArrayList();
  final ObjectProperty<HistoryEntry> compareLeft = new SimpleObjectProperty<>();
  final ObjectProperty<HistoryEntry> compareRight = new SimpleObjectProperty<>();
  final ObservableList<EveryDnsPod.PodAnswer> everyPod = FXCollections.observableArrayList();
  final StringProperty everyPodQuestion = new SimpleStringProperty("");
  final ObservableList<SearchStep> searchSteps = FXCollections.observableArrayList();
  final StringProperty searchSummary = new SimpleStringProperty("");
  final ObservableList<CheckItem> checklist = FXCollections.observableArrayList();
  final StringProperty checklistSummary = new SimpleStringProperty("");
  final ObjectProperty<View> shown = new SimpleObjectProperty<>(View.ANSWER);
}
