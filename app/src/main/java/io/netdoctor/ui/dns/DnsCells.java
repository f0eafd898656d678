package io.netdoctor.ui.dns;

import io.netdoctor.core.dns.CheckItem;
import io.netdoctor.core.dns.DnsAnswer;
import io.netdoctor.core.dns.HistoryEntry;
import io.netdoctor.core.dns.SearchStep;
import io.netdoctor.ui.common.Icons;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.xbill.DNS.Rcode;

/** The DNS pane's list rows: history entries, search-path steps and checklist items. */
final class DnsCells {

  private DnsCells() {
  }

  /** Green for NOERROR with answers, amber for NOERROR without (NODATA), red otherwise. */
  static DnsModel.Badge badgeOf(DnsAnswer answer) {
    if (answer.rcode() != Rcode.NOERROR) {
      return DnsModel.Badge.BAD;
    }
    return answer.answerCount() > 0 ? DnsModel.Badge.OK : DnsModel.Badge.WARN;
  }

  /** Time, question, and the outcome as a coloured badge. */
  static final class HistoryCell extends ListCell<HistoryEntry> {
    private final Label question = new Label();
    private final Label badge = new Label();
    private final Label outcome = new Label();
    private final HBox box = new HBox(8, badge, question, outcome);

    HistoryCell() {
      badge.getStyleClass().add("dns-badge");
      outcome.getStyleClass().add("meta");
    }

    @Override
    protected void updateItem(HistoryEntry entry, boolean empty) {
      super.updateItem(entry, empty);
      if (empty || entry == null) {
        setGraphic(null);
        return;
      }
      question.setText(entry.title());
      badge.setText(entry.answer() == null ? "ERROR" : entry.answer().status());
      DnsView.showBadge(badge, entry.answer() == null ? DnsModel.Badge.BAD : badgeOf(entry.answer()));
      outcome.setText(entry.outcome());
      setGraphic(box);
    }
  }

  /** {@code 1. frontend.default.svc.cluster.local.  NOERROR  10.3.0.119  ← answered} */
  static final class SearchStepCell extends ListCell<SearchStep> {
    @Override
    protected void updateItem(SearchStep step, boolean empty) {
      super.updateItem(step, empty);
      getStyleClass().removeAll("step-answered", "step-skipped");
      if (empty || step == null) {
        setText(null);
        setGraphic(null);
        return;
      }
      setGraphic(Icons.of(step.answered() ? Icons.PASS : step.outcome().equals("not tried") ? Icons.SKIPPED : Icons.FAIL));
      setText(step.order() + ". " + step.candidate() + "   " + step.outcome()
          + (step.data().isEmpty() ? "" : "   " + step.data()) + (step.answered() ? "   ← this one answered" : ""));
      getStyleClass().add(step.answered() ? "step-answered" : "step-skipped");
    }
  }

  /** Pass/fail icon, title, evidence and details of one checklist item. */
  static final class CheckCell extends ListCell<CheckItem> {
    private static final int DETAIL_LINES = 6;
    private final FontIcon icon = new FontIcon();
    private final Label title = new Label();
    private final Label evidence = new Label();
    private final Label details = new Label();
    private final HBox box = new HBox(8, icon, new VBox(2, title, evidence, details));

    CheckCell() {
      title.getStyleClass().add("check-title");
      title.setWrapText(true);
      evidence.setWrapText(true);
      details.getStyleClass().addAll("meta", "dig-text");
      box.getStyleClass().add("check-row");
      setPrefWidth(0); // fit the list's width and wrap, instead of scrolling sideways
      for (Label l : new Label[] {title, evidence, details}) {
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // all lines, not one line and "…"
      }
    }

    @Override
    protected void updateItem(CheckItem item, boolean empty) {
      super.updateItem(item, empty);
      getStyleClass().removeAll("check-pass", "check-fail", "check-skipped");
      if (empty || item == null) {
        setGraphic(null);
        return;
      }
      icon.setIconCode(switch (item.outcome()) {
        case PASS -> Icons.PASS;
        case FAIL -> Icons.FAIL;
        case SKIPPED -> Icons.SKIPPED;
      });
      getStyleClass().add("check-" + item.outcome().name().toLowerCase(java.util.Locale.ROOT));
      title.setText(item.title() + "  —  " + item.outcome());
      evidence.setText(item.evidence());
      List<String> lines = item.details();
      details.setText(String.join("\n", lines.subList(0, Math.min(DETAIL_LINES, lines.size())))
          + (lines.size() > DETAIL_LINES ? "\n… " + (lines.size() - DETAIL_LINES) + " more lines" : ""));
      details.setVisible(!item.details().isEmpty());
      details.setManaged(!item.details().isEmpty());
      setGraphic(box);
    }
  }
}
