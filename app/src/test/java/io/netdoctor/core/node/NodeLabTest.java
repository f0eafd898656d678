package io.netdoctor.core.node;

import io.netdoctor.support.NodeLabTools;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base for tests that share one {@link NodeLab} per class, closed after the class. */
@NodeLabTools
abstract class NodeLabTest {

  static NodeLab lab;

  @BeforeAll
  static void startLab() throws IOException {
    lab = new NodeLab();
  }

  @AfterAll
  static void stopLab() throws IOException {
    if (lab != null) {
      lab.close();
      lab = null;
    }
  }
}
