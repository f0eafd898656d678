package io.netdoctor.demo.dns;

import io.netdoctor.core.dns.ClusterRecords;
import io.netdoctor.core.dns.DnsQueryService;
import java.io.IOException;
import java.util.List;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Builds kube-dns-style responses from {@link ClusterRecords}: answers, NODATA/NXDOMAIN with the SOA, REFUSED. */
final class DemoDnsAnswers {

  private static final int CLASSIC_UDP_LIMIT = 512;

  private DemoDnsAnswers() {
  }

  /** The wire response for a wire query, or null when the query is too broken to answer at all. */
  static byte[] answer(ClusterRecords records, byte[] wire, boolean udp) {
    return answer(records, null, wire, udp);
  }

  /** As above, with a lab's faults (null: none) in place. */
  static byte[] answer(ClusterRecords records, DnsFaults faults, byte[] wire, boolean udp) {
    Message query;
    try {
      query = new Message(wire);
    } catch (IOException e) {
      return wire.length >= Header.LENGTH ? formErr(wire) : null;
    }
    Message response = respond(records, faults, query);
    if (!udp) {
      return response.toWire();
    }
    OPTRecord opt = query.getOPT();
    int limit = opt == null ? CLASSIC_UDP_LIMIT : Math.max(CLASSIC_UDP_LIMIT, Math.min(opt.getPayloadSize(),
        DnsQueryService.EDNS_PAYLOAD));
    return response.toWire(limit); // sets TC and drops records that do not fit, so the client retries over TCP
  }

  static Message respond(ClusterRecords records, Message query) {
    return respond(records, null, query);
  }

  static Message respond(ClusterRecords records, DnsFaults faults, Message query) {
    Message response = new Message(query.getHeader().getID());
    Header header = response.getHeader();
    header.setFlag(Flags.QR);
    if (query.getHeader().getFlag(Flags.RD)) {
      header.setFlag(Flags.RD);
    }
    header.setFlag(Flags.RA);
    header.setOpcode(query.getHeader().getOpcode());
    Record question = query.getQuestion();
    if (question != null) {
      response.addRecord(question, Section.QUESTION);
    }
    if (query.getOPT() != null) {
      response.addRecord(new OPTRecord(DnsQueryService.EDNS_PAYLOAD, 0, 0), Section.ADDITIONAL);
    }
    if (query.getHeader().getOpcode() != Opcode.QUERY) {
      header.setRcode(Rcode.NOTIMP);
      return response;
    }
    if (question == null) {
      header.setRcode(Rcode.FORMERR);
      return response;
    }
    Name name = question.getName();
    DnsFaults.Fault fault = faults == null ? null : faults.forName(name.toString());
    if (fault != null && (fault.rcode() != null || fault.address() != null)) {
      return faulty(response, question, fault);
    }
    Name zone = records.zoneOf(name);
    if (zone == null) {
      header.setRcode(Rcode.REFUSED);
      return response;
    }
    header.setFlag(Flags.AA);
    List<Record> matching = records.at(name).stream()
        .filter(r -> question.getType() == Type.ANY || r.getType() == question.getType()).toList();
    if (matching.isEmpty()) {
      header.setRcode(records.exists(name) ? Rcode.NOERROR : Rcode.NXDOMAIN);
      response.addRecord(records.soa(zone), Section.AUTHORITY);
      return response;
    }
    for (Record record : matching) {
      response.addRecord(record, Section.ANSWER);
      if (record instanceof SRVRecord srv) {
        for (Record target : records.at(srv.getTarget())) {
          if (target.getType() == Type.A || target.getType() == Type.AAAA) {
            response.addRecord(target, Section.ADDITIONAL);
          }
        }
      }
    }
    return response;
  }

  /** A lab's answer: its rcode, or its A record (other types: an empty NOERROR). */
  private static Message faulty(Message response, Record question, DnsFaults.Fault fault) {
    if (fault.rcode() != null) {
      response.getHeader().setRcode(Rcode.value(fault.rcode()));
      return response;
    }
    if (question.getType() == Type.A || question.getType() == Type.ANY) {
      try {
        response.addRecord(new org.xbill.DNS.ARecord(question.getName(), org.xbill.DNS.DClass.IN, 30,
            java.net.InetAddress.getByName(fault.address())), Section.ANSWER);
      } catch (java.net.UnknownHostException e) {
        response.getHeader().setRcode(Rcode.SERVFAIL); // the lab file checked the address: not reached
      }
    }
    return response;
  }

  /** How long a lab holds back the answer to {@code wire} (0: none). */
  static int delayMillis(DnsFaults faults, byte[] wire) {
    try {
      Record question = new Message(wire).getQuestion();
      DnsFaults.Fault fault = question == null ? null : faults.forName(question.getName().toString());
      return fault == null ? 0 : fault.delayMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  private static byte[] formErr(byte[] wire) {
    Message response = new Message(((wire[0] & 0xff) << 8) | (wire[1] & 0xff));
    response.getHeader().setFlag(Flags.QR);
    response.getHeader().setRcode(Rcode.FORMERR);
    return response.toWire();
  }
}
