package io.netdoctor.core.kube;

import io.netdoctor.core.kube.LabelSelector.Operator;
import io.netdoctor.core.kube.LabelSelector.Requirement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * apimachinery's selector lexer and recursive-descent parser ({@code pkg/labels/selector.go}), with its
 * quirks: {@code in}/{@code notin} are keywords only where an operator may stand, {@code in ()} is the
 * set holding the empty value, {@code key=} compares with the empty value, and every key and value is
 * validated as the API server validates labels.
 */
final class SelectorParser {

  private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final int MAX_NAME = 63;
  private static final int MAX_PREFIX = 253;
  private static final String CHARS = "consist of alphanumeric characters, '-', '_' or '.', "
      + "and start and end with an alphanumeric character";

  private enum Kind { END, OPEN, CLOSE, COMMA, NOT, EQUALS, DOUBLE_EQUALS, NOT_EQUALS, GREATER, LESS, IN, NOT_IN, ID }

  private record Token(Kind kind, String text) {
    /** How the token reads in a message. */
    String shown() {
      return kind == Kind.END ? "the end" : "'" + text + "'";
    }
  }

  private final String selector;
  private final List<Token> tokens = new ArrayList<>();
  private int position;

  SelectorParser(String selector) {
    this.selector = selector;
    lex();
  }

  List<Requirement> parse() {
    var requirements = new ArrayList<Requirement>();
    while (true) {
      Token t = peekValue();
      if (t.kind() == Kind.END) {
        return requirements;
      }
      if (t.kind() != Kind.ID && t.kind() != Kind.NOT) {
        throw fail("found " + t.shown() + ", expected a label key or '!'");
      }
      Requirement r = requirement();
      requirements.add(r);
      Token after = nextValue();
      if (after.kind() == Kind.END) {
        return requirements;
      }
      if (after.kind() != Kind.COMMA) {
        throw fail("found " + after.shown() + " after '" + r + "', expected ',' or the end");
      }
      Token following = peekValue();
      if (following.kind() != Kind.ID && following.kind() != Kind.NOT) {
        throw fail("found " + following.shown() + " after ',', expected a label key or '!'");
      }
    }
  }

  private Requirement requirement() {
    boolean not = false;
    Token t = nextValue();
    if (t.kind() == Kind.NOT) {
      not = true;
      t = nextValue();
    }
    if (t.kind() != Kind.ID) {
      throw fail("found " + t.shown() + " after '!', expected a label key");
    }
    String key = t.text();
    checkKey(key);
    Kind following = peekValue().kind();
    if (not) {
      return new Requirement(key, Operator.DOES_NOT_EXIST, List.of());
    }
    if (following == Kind.END || following == Kind.COMMA) {
      return new Requirement(key, Operator.EXISTS, List.of());
    }
    Token op = next(); // here "in" and "notin" are operators
    Operator operator = switch (op.kind()) {
      case IN -> Operator.IN;
      case NOT_IN -> Operator.NOT_IN;
      case EQUALS -> Operator.EQUALS;
      case DOUBLE_EQUALS -> Operator.DOUBLE_EQUALS;
      case NOT_EQUALS -> Operator.NOT_EQUALS;
      case GREATER -> Operator.GREATER_THAN;
      case LESS -> Operator.LESS_THAN;
      default -> throw fail("found " + op.shown() + " after '" + key
          + "', expected an operator (in, notin, =, ==, !=, >, <) or ',' or the end");
    };
    List<String> values = operator == Operator.IN || operator == Operator.NOT_IN
        ? setValues(key, op.text()) : List.of(exactValue(key, op.text()));
    if (operator == Operator.GREATER_THAN || operator == Operator.LESS_THAN) {
      try {
        Long.parseLong(values.get(0));
      } catch (NumberFormatException e) {
        throw fail("'" + values.get(0) + "' after '" + key + op.text() + "' must be an integer");
      }
    }
    for (String value : values) {
      checkValue(key, value);
    }
    return new Requirement(key, operator, values);
  }

  private List<String> setValues(String key, String op) {
    Token open = nextValue();
    if (open.kind() != Kind.OPEN) {
      throw fail("found " + open.shown() + " after '" + key + " " + op + "', expected '('");
    }
    Set<String> values = new LinkedHashSet<>();
    Token first = peekValue();
    if (first.kind() == Kind.CLOSE) { // "()" is the set holding the empty value
      nextValue();
      return List.of("");
    }
    if (first.kind() != Kind.ID && first.kind() != Kind.COMMA) {
      throw fail("found " + first.shown() + " in the values of '" + key + "', expected a value, ',' or ')'");
    }
    while (true) { // a list of possibly empty values: "(a,,b)", "(,a)", "(a,)"
      Token t = nextValue();
      if (t.kind() == Kind.ID) {
        values.add(t.text());
        Token after = peekValue();
        if (after.kind() == Kind.CLOSE) {
          nextValue();
          return List.copyOf(values);
        }
        if (after.kind() != Kind.COMMA) {
          throw fail("found " + after.shown() + " in the values of '" + key + "', expected ',' or ')'");
        }
      } else if (t.kind() == Kind.COMMA) {
        if (values.isEmpty()) {
          values.add("");
        }
        Kind after = peekValue().kind();
        if (after == Kind.CLOSE) {
          values.add("");
          nextValue();
          return List.copyOf(values);
        }
        if (after == Kind.COMMA) {
          values.add("");
        }
      } else {
        throw fail("found " + t.shown() + " in the values of '" + key + "', expected a value, ',' or ')'");
      }
    }
  }

  private String exactValue(String key, String op) {
    Kind following = peekValue().kind();
    if (following == Kind.END || following == Kind.COMMA) {
      return ""; // "key=" compares with the empty value
    }
    Token t = nextValue();
    if (t.kind() != Kind.ID) {
      throw fail("found " + t.shown() + " after '" + key + op + "', expected a value");
    }
    return t.text();
  }

  private void checkKey(String key) {
    String[] parts = key.split("/", -1);
    if (parts.length > 2) {
      throw fail("label key '" + key + "' has more than one '/' (a key is an optional DNS subdomain prefix, '/' and a name)");
    }
    String name = parts[parts.length - 1];
    if (parts.length == 2) {
      String prefix = parts[0];
      if (prefix.isEmpty()) {
        throw fail("label key '" + key + "' has an empty prefix before '/'");
      }
      if (prefix.length() > MAX_PREFIX || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
        throw fail("the prefix of label key '" + key + "' must be a lowercase DNS subdomain of at most "
            + MAX_PREFIX + " characters (e.g. example.com)");
      }
    }
    if (name.isEmpty()) {
      throw fail("label key '" + key + "' has an empty name");
    }
    if (name.length() > MAX_NAME) {
      throw fail("the name of label key '" + key + "' is longer than " + MAX_NAME + " characters");
    }
    if (!NAME.matcher(name).matches()) {
      throw fail("label key '" + key + "' must " + CHARS);
    }
  }

  private void checkValue(String key, String value) {
    if (value.length() > MAX_NAME) {
      throw fail("the value '" + value + "' of '" + key + "' is longer than " + MAX_NAME + " characters");
    }
    if (!VALUE.matcher(value).matches()) {
      throw fail("the value '" + value + "' of '" + key + "' must be empty or " + CHARS);
    }
  }

  private InvalidSelectorException fail(String reason) {
    return new InvalidSelectorException(selector, reason);
  }

  private Token next() {
    return tokens.get(position++);
  }

  /** The next token where a value may stand: there "in" and "notin" are plain words. */
  private Token nextValue() {
    return asValue(next());
  }

  private Token peekValue() {
    return asValue(tokens.get(position));
  }

  private static Token asValue(Token t) {
    return t.kind() == Kind.IN || t.kind() == Kind.NOT_IN ? new Token(Kind.ID, t.text()) : t;
  }

  private void lex() {
    String s = selector;
    int i = 0;
    while (true) {
      while (i < s.length() && isWhitespace(s.charAt(i))) {
        i++;
      }
      if (i >= s.length() || s.charAt(i) == 0) { // the reference lexer reads NUL as the end
        tokens.add(new Token(Kind.END, ""));
        return;
      }
      char c = s.charAt(i);
      if (isSpecial(c)) {
        String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
        if (two.equals("!=") || two.equals("==")) {
          tokens.add(new Token(two.equals("!=") ? Kind.NOT_EQUALS : Kind.DOUBLE_EQUALS, two));
          i += 2;
          continue;
        }
        tokens.add(new Token(switch (c) {
          case '(' -> Kind.OPEN;
          case ')' -> Kind.CLOSE;
          case ',' -> Kind.COMMA;
          case '!' -> Kind.NOT;
          case '=' -> Kind.EQUALS;
          case '>' -> Kind.GREATER;
          default -> Kind.LESS;
        }, String.valueOf(c)));
        i++;
        continue;
      }
      int start = i;
      while (i < s.length() && s.charAt(i) != 0 && !isSpecial(s.charAt(i)) && !isWhitespace(s.charAt(i))) {
        i++;
      }
      String word = s.substring(start, i);
      tokens.add(new Token(word.equals("in") ? Kind.IN : word.equals("notin") ? Kind.NOT_IN : Kind.ID, word));
    }
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static boolean isSpecial(char c) {
    return c == '=' || c == '!' || c == '(' || c == ')' || c == ',' || c == '>' || c == '<';
  }
}
