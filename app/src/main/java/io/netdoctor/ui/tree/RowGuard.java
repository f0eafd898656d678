package io.netdoctor.ui.tree;

/**
 * Wraps every change of the tree's rows. The view's {@link TreeSelection} is one: it keeps what the user
 * selected through filtering, expanding and live updates, and forgets it when another cluster is shown.
 */
interface RowGuard {

  RowGuard NONE = new RowGuard() {
    @Override
    public void keep(Runnable change) {
      change.run();
    }

    @Override
    public void forget() {
    }
  };

  /** Runs a change of rows that must not change what is selected or shown. */
  void keep(Runnable change);

  /** The rows are about to belong to another cluster: nothing stays selected. */
  void forget();
}
