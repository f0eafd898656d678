package io.netdoctor.ui.tree;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The tree screen's own state beside the tree items: filter error and namespace-scoped mode. */
final class TreeViewModel {
  private final StringProperty filterError = new SimpleStringProperty("");
  private final BooleanProperty namespaceScoped = new SimpleBooleanProperty();

  StringProperty filterErrorProperty() {
    return filterError;
  }

  BooleanProperty namespaceScopedProperty() {
    return namespaceScoped;
  }
}
