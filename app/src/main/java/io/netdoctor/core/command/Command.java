package io.netdoctor.core.command;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** A command as an argument list; the only way the app turns arguments into shell text. */
public record Command(List<String> argv) {

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  public Command {
    Objects.requireNonNull(argv, "argv");
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("a command needs at least a program name");
    }
    argv = List.copyOf(argv);
  }

  public static Command of(String program, String... args) {
    var all = new java.util.ArrayList<String>(args.length + 1);
    all.add(program);
    all.addAll(List.of(args));
    return new Command(all);
  }

  public Command with(String... more) {
    var all = new java.util.ArrayList<>(argv);
    all.addAll(List.of(more));
    return new Command(all);
  }

  /** The POSIX shell text that runs exactly this argument list. */
  public String toShell() {
    var out = new StringBuilder();
    for (String arg : argv) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(quote(arg));
    }
    return out.toString();
  }

  /** Quotes one word for a POSIX shell: single quotes, with embedded quotes spliced. */
  public static String quote(String word) {
    if (!word.isEmpty() && SAFE.matcher(word).matches()) {
      return word;
    }
    return "'" + word.replace("'", "'\"'\"'") + "'";
  }

  @Override
  public String toString() {
    return toShell();
  }
}
