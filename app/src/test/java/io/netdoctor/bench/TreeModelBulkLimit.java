package io.netdoctor.bench;
final class TreeModelBulkLimit {
  /** The largest batch the tree applies with its folders attached. */
  static final int BELOW_BULK = 199;
  private TreeModelBulkLimit() {
  }
}
