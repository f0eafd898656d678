package io.netdoctor.ui.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleModelTest {

  @Test
  void keepsOnlyTheNewestLinesSoALongRunningConsoleStaysBounded() {
    var model = new ConsoleModel();
    for (int batch = 0; batch < 7; batch++) {
      List<ConsoleModel.Line> lines = new ArrayList<>();
      for (int i = 0; i < 1_000; i++) {
        lines.add(new ConsoleModel.Line(ConsoleModel.Kind.STDOUT, "line " + (batch * 1_000 + i)));
      }
      model.append(lines);
    }
    assertThat(model.lines).hasSize(ConsoleModel.MAX_LINES);
    assertThat(model.lines.get(0).text()).isEqualTo("line " + (7_000 - ConsoleModel.MAX_LINES));
    assertThat(model.lines.get(model.lines.size() - 1).text()).isEqualTo("line 6999");
  }
}
