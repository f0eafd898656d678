package io.netdoctor.ui.dns;

import io.netdoctor.core.dns.DigFormatter;
import io.netdoctor.core.dns.HistoryEntry;
import java.util.Locale;
import org.xbill.DNS.Type;

/** Puts one answer (or the reason there is none) into the badge, counts and latency above the dig text. */
final class AnswerSummary {

  private AnswerSummary() {
  }

  /** NXDOMAIN and NODATA show the zone's SOA from the authority section beside "0 answers". */
  static void show(DnsModel model, HistoryEntry entry) {
    var answer = entry.answer();
    if (answer == null) {
      model.message.set(entry.error());
      model.status.set(entry.error().toLowerCase(Locale.ROOT).contains("timed out")
          || entry.error().toLowerCase(Locale.ROOT).contains("timeout") ? "TIMEOUT" : "NO ANSWER");
      model.badge.set(model.status.get().equals("TIMEOUT") ? DnsModel.Badge.WARN : DnsModel.Badge.BAD);
      model.truncated.set(false);
      model.answerCount.set("");
      model.soa.set("");
      model.latency.set("");
      model.answeredBy.set(entry.question());
      return;
    }
    model.message.set("");
    model.status.set(answer.status());
    model.badge.set(DnsCells.badgeOf(answer));
    model.truncated.set(answer.truncated() || answer.retriedOverTcp());
    int n = answer.answerCount();
    String soa = answer.authority().stream().filter(r -> r.getType() == Type.SOA)
        .map(r -> "SOA " + r.getName() + " " + DigFormatter.rdata(r)).findFirst().orElse("");
    model.answerCount.set(io.netdoctor.core.text.Plural.of(n, "answer"));
    model.soa.set(n == 0 ? soa : "");
    long micros = answer.latency().toNanos() / 1_000;
    model.latency.set(micros < 10_000 ? String.format(Locale.ROOT, "%.1f ms", micros / 1000.0) : micros / 1000 + " ms");
    model.answeredBy.set("@" + entry.server().label() + "  " + answer.server().addressText() + " (" + answer.transport() + ")");
  }
}
