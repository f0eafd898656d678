package io.netdoctor.demo.traffic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;

/**
 * Queries as a pod's resolver sends them (RD set, no EDNS) and the DNS server's answers to them, asked once
 * per name and type and then reused with each new query's ID.
 */
final class DnsQueries {

  private final TrafficModel.DnsAnswers server;
  private final Map<String, byte[][]> known = new HashMap<>();

  DnsQueries(TrafficModel.DnsAnswers server) {
    this.server = server;
  }

  /** The query and its answer, both carrying {@code id}. */
  byte[][] exchange(String name, int type, int id) {
    byte[][] template = known.computeIfAbsent(name + "/" + type, k -> ask(name, type));
    byte[] q = template[0].clone();
    byte[] a = template[1].clone();
    Wire.put16(q, 0, id);
    Wire.put16(a, 0, id);
    return new byte[][] {q, a};
  }

  private byte[][] ask(String name, int type) {
    try {
      Message query = Message.newQuery(Record.newRecord(Name.fromString(name + "."), type, DClass.IN));
      byte[] wire = query.toWire();
      byte[] answer = server.answer(wire);
      if (answer == null) {
        throw new IllegalStateException("the demo DNS server did not answer " + name);
      }
      return new byte[][] {wire, answer};
    } catch (TextParseException e) {
      throw new UncheckedIOException(new IOException(e.getMessage(), e));
    }
  }
}
