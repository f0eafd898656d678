package io.netdoctor.cli;

import io.netdoctor.core.dns.DnsQuery;
import io.netdoctor.core.dns.DnsQueryException;
import io.netdoctor.core.dns.DnsQueryException.Kind;
import java.util.List;
import java.util.Locale;

/**
 * dig's free-form words: `@SERVER`, `+option`, `-x ADDR`, then NAME and TYPE in any order (a word
 * that names a type is the type, as in dig). Used for the command line and for each `-f` line.
 */
final class DigArguments {

  String server;
  Boolean tcp;
  Boolean recurse;
  Boolean ignoreTruncation;
  String name;
  String type;
  String reverse;

  /** Reads the words on top of earlier settings (a batch line inherits the command line's). */
  DigArguments read(List<String> words) {
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (word.startsWith("@") && word.length() > 1) {
        server = word.substring(1);
      } else if (word.startsWith("+")) {
        plusOption(word.substring(1).toLowerCase(Locale.ROOT));
      } else if (word.equals("-x")) {
        if (i + 1 >= words.size()) {
          throw new DnsQueryException(Kind.BAD_INPUT, "-x needs an address");
        }
        reverse = words.get(++i);
      } else if (word.equalsIgnoreCase("IN")) {
        continue; // the class: only IN is asked for
      } else if (type == null && DnsQuery.isType(word)) {
        type = word;
      } else if (name == null) {
        name = word;
      } else if (type == null && !DnsQuery.isType(word)) {
        throw new DnsQueryException(Kind.UNKNOWN_TYPE, "unknown record type '" + word + "'");
      } else {
        throw new DnsQueryException(Kind.BAD_INPUT, "unexpected argument '" + word + "'");
      }
    }
    return this;
  }

  private void plusOption(String option) {
    switch (option) {
      case "vc", "tcp" -> tcp = true;
      case "novc", "notcp" -> tcp = false;
      case "norecurse", "norec" -> recurse = false;
      case "recurse", "rec" -> recurse = true;
      case "ignore" -> ignoreTruncation = true;
      case "noignore" -> ignoreTruncation = false;
      case "keepopen", "nokeepopen", "cmd", "nocmd" -> {
        // NetDoctor always keeps the connection open across a batch; +cmd only affects the banner.
      }
      default -> throw new DnsQueryException(Kind.BAD_INPUT, "invalid option: +" + option);
    }
  }

  /** The question: `-x ADDR` as PTR; NAME [TYPE]; no name at all asks for the root's NS records, like dig. */
  DnsQuery query() {
    DnsQuery query;
    if (reverse != null) {
      query = DnsQuery.reverse(reverse);
    } else if (name == null) {
      query = DnsQuery.of(".", type == null ? "NS" : type);
    } else {
      query = DnsQuery.of(name, type == null ? "A" : type);
    }
    return query.withRecurse(recurse == null || recurse);
  }

  DigArguments copy() {
    var copy = new DigArguments();
    copy.server = server;
    copy.tcp = tcp;
    copy.recurse = recurse;
    copy.ignoreTruncation = ignoreTruncation;
    return copy;
  }
}
