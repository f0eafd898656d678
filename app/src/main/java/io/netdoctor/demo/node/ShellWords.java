package io.netdoctor.demo.node;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits command text into words by POSIX shell quoting rules (single quotes, double quotes with their
 * backslash escapes, backslash outside quotes), so a demo node turns what it receives into an argument
 * list without any shell. Operators a real shell would act on (`;`, `|`, `&`, `<`, `>`, `$(`, backquote)
 * outside quotes are refused: the demo runs single commands only.
 */
public final class ShellWords {

  private ShellWords() {
  }

  /** Thrown for text that is not one simple command (unbalanced quotes, pipes, redirections...). */
  public static final class SyntaxException extends Exception {
    SyntaxException(String message) {
      super(message);
    }
  }

  public static List<String> split(String text) throws SyntaxException {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\'') {
        int end = text.indexOf('\'', i + 1);
        if (end < 0) {
          throw new SyntaxException("unterminated quoted string");
        }
        word.append(text, i + 1, end);
        inWord = true;
        i = end + 1;
      } else if (c == '"') {
        i = doubleQuoted(text, i + 1, word);
        inWord = true;
      } else if (c == '\\') {
        if (i + 1 < n && text.charAt(i + 1) != '\n') {
          word.append(text.charAt(i + 1));
          inWord = true;
        }
        i += 2;
      } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        i++;
      } else if (c == '#' && !inWord) {
        break; // a comment runs to the end of the line; the demo takes one line at a time
      } else if (";|&<>`".indexOf(c) >= 0 || (c == '$' && i + 1 < n && text.charAt(i + 1) == '(')) {
        throw new SyntaxException("'" + (c == '$' ? "$(" : String.valueOf(c))
            + "' (pipes, redirections, lists and substitutions) is not available on a demo node");
      } else {
        word.append(c);
        inWord = true;
        i++;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  /** Reads a double-quoted part from {@code start} (after the quote); returns the index after its end. */
  private static int doubleQuoted(String text, int start, StringBuilder word) throws SyntaxException {
    int i = start;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\' && i + 1 < text.length() && "$`\"\\\n".indexOf(text.charAt(i + 1)) >= 0) {
        if (text.charAt(i + 1) != '\n') {
          word.append(text.charAt(i + 1));
        }
        i += 2;
        continue;
      }
      if (c == '`' || (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '(')) {
        throw new SyntaxException("command substitution is not available on a demo node");
      }
      word.append(c);
      i++;
    }
    throw new SyntaxException("unterminated quoted string");
  }
}
