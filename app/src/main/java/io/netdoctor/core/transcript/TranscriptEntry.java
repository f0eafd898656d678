package io.netdoctor.core.transcript;

import java.time.Instant;

/** One line of the transcript: what a person would have typed, when, and for which part of the app. */
public record TranscriptEntry(long sequence, Instant at, String source, String text, Kind kind) {

  /** A command is something to type; a note explains a step or its outcome. */
  public enum Kind { COMMAND, NOTE, ERROR }
}
