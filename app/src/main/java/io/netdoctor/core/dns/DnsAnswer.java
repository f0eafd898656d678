package io.netdoctor.core.dns;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The answer to one query, as a pane or the CLI shows it: status, flags, the sections, the latency,
 * the raw message and the text exactly as {@code dig} would print it.
 *
 * @param truncated the shown message has the TC flag (a UDP answer too large; dig retries over TCP)
 * @param retriedOverTcp the UDP answer was truncated and this is the TCP retry's answer
 */
public record DnsAnswer(
    DnsQuery query,
    DnsServer server,
    DnsTransport transport,
    Message message,
    int size,
    Duration latency,
    ZonedDateTime when,
    boolean truncated,
    boolean retriedOverTcp,
    String text) {

  /** `NOERROR`, `NXDOMAIN`, `SERVFAIL`, `REFUSED`, ... */
  public String status() {
    return Rcode.string(message.getRcode());
  }

  public int rcode() {
    return message.getRcode();
  }

  public boolean isNoError() {
    return message.getRcode() == Rcode.NOERROR;
  }

  /** The header flags in dig's order (`qr aa tc rd ra ad cd`). */
  public List<String> flags() {
    return DigFormatter.flagNames(message.getHeader());
  }

  public boolean authoritative() {
    return message.getHeader().getFlag(Flags.AA);
  }

  public List<Record> answers() {
    return message.getSection(Section.ANSWER);
  }

  public List<Record> authority() {
    return message.getSection(Section.AUTHORITY);
  }

  /** The additional section without the OPT pseudo-record (dig shows that separately). */
  public List<Record> additional() {
    return message.getSection(Section.ADDITIONAL).stream().filter(r -> r.getType() != Type.OPT).toList();
  }

  public int answerCount() {
    return message.getHeader().getCount(Section.ANSWER);
  }

  /** The rdata of each answer record of the queried type (addresses for A, targets for SRV, ...). */
  public List<String> answerData() {
    return answers().stream().filter(r -> r.getType() == query.type()).map(DigFormatter::rdata).toList();
  }
}
