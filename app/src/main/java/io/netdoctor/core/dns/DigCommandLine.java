package io.netdoctor.core.dns;

import io.netdoctor.core.command.Command;
import java.util.ArrayList;
import org.xbill.DNS.Type;

/** The `dig` command a person would type to ask the same question (for the transcript). */
public final class DigCommandLine {

  private DigCommandLine() {
  }

  public static Command of(DnsServer server, DnsTransport transport, DnsQuery query) {
    var argv = new ArrayList<String>();
    argv.add("dig");
    if (transport == DnsTransport.TCP) {
      argv.add("+vc");
    }
    if (!query.recurse()) {
      argv.add("+norecurse");
    }
    if (server.address().getPort() != DnsServer.DNS_PORT) {
      argv.add("-p");
      argv.add(Integer.toString(server.address().getPort()));
    }
    argv.add("@" + server.address().getAddress().getHostAddress());
    argv.add(query.name().toString());
    if (query.type() != Type.A) {
      argv.add(query.typeName());
    }
    return new Command(argv);
  }
}
