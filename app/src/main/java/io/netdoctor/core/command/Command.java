package io.netdoctor.core.command;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A command as an argument list; the only way the app turns arguments into shell text. {@code shown} is
 * what a person would type for it (the transcript's form), usually the same list: a portable wrapper such
 * as `sh -c 'if command -v nc …'` is shown as the `nc` it stands for.
 */
public record Command(List<String> argv, List<String> shown) {

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  public Command {
    Objects.requireNonNull(argv, "argv");
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("a command needs at least a program name");
    }
    argv = List.copyOf(argv);
    shown = shown == null || shown.isEmpty() ? argv : List.copyOf(shown);
  }

  public Command(List<String> argv) {
    this(argv, null);
  }

  public static Command of(String program, String... args) {
    var all = new java.util.ArrayList<String>(args.length + 1);
    all.add(program);
    all.addAll(List.of(args));
    return new Command(all);
  }

  public Command with(String... more) {
    return new Command(concat(argv, List.of(more)), concat(shown, List.of(more)));
  }

  /** This command run through a prefix such as `sudo -n` or `nsenter -n -t PID`; the shown form keeps it too. */
  public Command after(List<String> prefix) {
    return new Command(concat(prefix, argv), concat(prefix, shown));
  }

  /** Runs as this, shown as {@code human}: what a person would type for the same step. */
  public Command shownAs(Command human) {
    return new Command(argv, human.shown());
  }

  private static List<String> concat(List<String> first, List<String> second) {
    var all = new java.util.ArrayList<String>(first.size() + second.size());
    all.addAll(first);
    all.addAll(second);
    return all;
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

  /** The shown form as shell text: the transcript's line. */
  public String shownText() {
    return new Command(shown).toShell();
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
