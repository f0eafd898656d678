package io.netdoctor.core.lab;

import java.util.List;

/**
 * A fault-injection lab: what the trainee is told ({@code briefing}), the hints, the changes that break the demo
 * world, and how the diagnosis is checked (a {@link Question}, a {@link Verification}, or both). {@code reset} lists
 * changes made after the automatic restore of every object the lab touched. {@code source} names its file.
 */
public record Lab(String name, String title, String summary, String briefing, List<String> hints,
    List<WorldChange> changes, Question question, Verification verification, List<WorldChange> reset, String source) {

  public Lab {
    hints = List.copyOf(hints);
    changes = List.copyOf(changes);
    reset = List.copyOf(reset);
  }
}
