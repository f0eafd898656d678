package io.netdoctor.ui.main;

import javafx.collections.ListChangeListener;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * The tool tabs' right-click menu: Close, Close others, Close all (closable tabs only; Details stays). Closing goes
 * through each tab's own close handlers, so panes stop their work as when their × is clicked. When tabs overflow
 * the strip, JavaFX's own tab list (the ▾ at the strip's end) lists them all.
 */
final class ToolTabs {

  private ToolTabs() {
  }

  static void attach(TabPane pane) {
    pane.getTabs().forEach(tab -> menuFor(pane, tab));
    pane.getTabs().addListener((ListChangeListener<Tab>) c -> {
      while (c.next()) {
        c.getAddedSubList().forEach(tab -> menuFor(pane, tab));
      }
    });
  }

  private static void menuFor(TabPane pane, Tab tab) {
    if (!tab.isClosable() || tab.getContextMenu() != null) {
      return;
    }
    MenuItem close = new MenuItem("Close");
    close.setOnAction(e -> close(pane, tab));
    MenuItem others = new MenuItem("Close others");
    others.setId("closeOtherTabs");
    others.setOnAction(e -> pane.getTabs().stream().filter(t -> t != tab && t.isClosable()).toList()
        .forEach(t -> close(pane, t)));
    MenuItem all = new MenuItem("Close all");
    all.setId("closeAllTabs");
    all.setOnAction(e -> pane.getTabs().stream().filter(Tab::isClosable).toList().forEach(t -> close(pane, t)));
    tab.setContextMenu(new ContextMenu(close, others, all));
  }

  /** As the tab's ×: its close request (which may veto), then its removal and its onClosed handler. */
  static void close(TabPane pane, Tab tab) {
    if (tab.getOnCloseRequest() != null) {
      var request = new javafx.event.Event(tab, tab, Tab.TAB_CLOSE_REQUEST_EVENT);
      tab.getOnCloseRequest().handle(request);
      if (request.isConsumed()) {
        return;
      }
    }
    pane.getTabs().remove(tab);
    if (tab.getOnClosed() != null) {
      tab.getOnClosed().handle(new javafx.event.Event(tab, tab, Tab.CLOSED_EVENT));
    }
  }
}
