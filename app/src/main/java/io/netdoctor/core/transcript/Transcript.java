package io.netdoctor.core.transcript;

import io.netdoctor.core.command.Command;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The stream of "equivalent commands": every action in the app records here what a person would
 * type to do the same by hand. Thread-safe; listeners are called on the recording thread.
 */
public final class Transcript {

  private static final int DEFAULT_CAPACITY = 5_000;

  private final Clock clock;
  private final int capacity;
  private final ArrayDeque<TranscriptEntry> entries = new ArrayDeque<>();
  private final List<Consumer<TranscriptEntry>> listeners = new CopyOnWriteArrayList<>();
  private final SessionResults results;
  private long sequence;

  public Transcript() {
    this(Clock.systemDefaultZone(), DEFAULT_CAPACITY);
  }

  public Transcript(Clock clock, int capacity) {
    this.clock = clock;
    this.capacity = capacity;
    this.results = new SessionResults(clock);
  }

  /** What the panes found beside these commands (DNS answers, checks, captures), for the session report. */
  public SessionResults results() {
    return results;
  }

  /** Records a command as a person would type it; secret-bearing arguments are masked first. */
  public TranscriptEntry command(String source, Command command) {
    String text = new Command(Redaction.redactArguments(command.shown())).toShell();
    return add(source, text, TranscriptEntry.Kind.COMMAND);
  }

  /** Records a command given as shell text (pipelines, templates); credentials are masked. */
  public TranscriptEntry commandText(String source, String shellText) {
    return add(source, Redaction.redactText(shellText), TranscriptEntry.Kind.COMMAND);
  }

  public TranscriptEntry note(String source, String text) {
    return add(source, Redaction.redactText(text), TranscriptEntry.Kind.NOTE);
  }

  public TranscriptEntry error(String source, String text) {
    return add(source, Redaction.redactText(text), TranscriptEntry.Kind.ERROR);
  }

  private TranscriptEntry add(String source, String text, TranscriptEntry.Kind kind) {
    TranscriptEntry entry;
    synchronized (entries) {
      entry = new TranscriptEntry(++sequence, clock.instant(), source, text, kind);
      entries.addLast(entry);
      if (entries.size() > capacity) {
        entries.removeFirst();
      }
    }
    for (var listener : listeners) {
      listener.accept(entry);
    }
    return entry;
  }

  public List<TranscriptEntry> entries() {
    synchronized (entries) {
      return List.copyOf(entries);
    }
  }

  /** Subscribes; returns the handle that unsubscribes. */
  public AutoCloseable subscribe(Consumer<TranscriptEntry> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }
}
