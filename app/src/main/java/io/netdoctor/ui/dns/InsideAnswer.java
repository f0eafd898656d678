package io.netdoctor.ui.dns;

import io.netdoctor.core.route.DigInPod;
import io.netdoctor.core.text.Plural;

/** Puts an answer dig (or nslookup) gave inside a pod into the badge, counts and text above and in the Answer tab. */
final class InsideAnswer {

  private InsideAnswer() {
  }

  static void show(DnsModel model, DigInPod.Answer answer) {
    model.message.set("");
    model.status.set(answer.status());
    model.badge.set(!answer.answered() ? DnsModel.Badge.WARN
        : answer.status().equals("NOERROR") && answer.answers() > 0 ? DnsModel.Badge.OK : DnsModel.Badge.BAD);
    model.truncated.set(false);
    model.answerCount.set(answer.answered() ? Plural.of(answer.answers(), "answer") : "");
    model.soa.set("");
    model.latency.set(answer.queryTime().isEmpty() ? "" : answer.queryTime() + " ms");
    model.answeredBy.set("inside " + answer.pod() + " · " + answer.container() + " · " + answer.tool()
        + (answer.server().isEmpty() ? "" : " @" + answer.server()) + " (UDP, the pod's resolv.conf)");
    model.text.set(answer.text());
    model.shown.set(DnsModel.View.ANSWER);
  }
}
