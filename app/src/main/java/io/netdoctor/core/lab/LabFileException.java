package io.netdoctor.core.lab;

/** A lab file that cannot be used: names the file, the line (1-based) and the field, in one line. */
public final class LabFileException extends Exception {

  private final String file;
  private final int line;
  private final String field;

  public LabFileException(String file, int line, String field, String problem) {
    super(file + ", line " + line + (field.isEmpty() ? "" : ", field " + field) + ": " + problem);
    this.file = file;
    this.line = line;
    this.field = field;
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }

  public String field() {
    return field;
  }
}
