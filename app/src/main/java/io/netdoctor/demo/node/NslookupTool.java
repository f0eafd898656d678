package io.netdoctor.demo.node;

import java.util.List;
import java.util.Locale;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * busybox's `nslookup [-type=T] NAME [SERVER]`: the search list of the container's resolv.conf applied as its
 * resolver would, answered by the same servers as {@link DigTool}, printed in busybox 1.36's layout.
 */
final class NslookupTool implements Tool {

  private final DigTool dig;

  NslookupTool(DigTool dig) {
    this.dig = dig;
  }

  @Override
  public int run(List<String> args, Call call) {
    int type = Type.A;
    List<String> operands = new java.util.ArrayList<>();
    for (String a : args) {
      if (a.startsWith("-type=") || a.startsWith("-query=")) {
        type = Type.value(a.substring(a.indexOf('=') + 1).toUpperCase(Locale.ROOT));
      } else if (!a.startsWith("-")) {
        operands.add(a);
      }
    }
    if (operands.isEmpty() || type < 0) {
      call.err("BusyBox v1.36.1 multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]");
      return 1;
    }
    ResolvConf resolv = ResolvConf.of(call);
    String server = operands.size() > 1 ? operands.get(1) : resolv.nameserver();
    String name = operands.get(0);
    call.out("Server:\t\t" + server);
    call.out("Address:\t" + server + ":53");
    call.out("");
    String status = "NXDOMAIN";
    for (String candidate : resolv.candidates(name)) {
      Message response = dig.ask(server, candidate, type, false, call);
      if (response == null) {
        call.out(";; connection timed out; no servers could be reached");
        call.out("");
        return 1;
      }
      List<Record> answers = response.getSection(Section.ANSWER);
      if (response.getRcode() == Rcode.NOERROR && !answers.isEmpty()) {
        call.out("");
        for (Record r : answers) {
          call.out("Name:\t" + r.getName().toString(true));
          call.out((r.getType() == Type.A || r.getType() == Type.AAAA ? "Address: " : "\t") + r.rdataToString());
        }
        call.out("");
        return 0;
      }
      status = response.getRcode() == Rcode.NOERROR ? "No answer" : Rcode.string(response.getRcode());
    }
    call.out("** server can't find " + name + ": " + status);
    call.out("");
    return 1;
  }
}
