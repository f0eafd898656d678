package io.netdoctor.core.dns;

import io.netdoctor.support.SystemTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Runs the real BIND dig (the oracle) and normalises its output as issue 3 allows. */
public final class Dig {

  private static final Pattern ID = Pattern.compile("id: \\d+");
  private static final Pattern COOKIE = Pattern.compile("COOKIE: [0-9a-f]+");
  private static final Pattern TIME = Pattern.compile("Query time: \\d+ msec");
  private static final Pattern WHEN = Pattern.compile("WHEN: .*");

  private Dig() {
  }

  /** dig's stdout for these arguments. */
  public static String run(List<String> args) throws IOException, InterruptedException {
    SystemTool.require("dig", "bind9-dnsutils");
    var argv = new ArrayList<String>();
    argv.add("dig");
    argv.addAll(args);
    Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    return out;
  }

  /** Every block from `->>HEADER<<-` to `MSG SIZE  rcvd`, with id, cookie, query time and date masked. */
  public static List<String> normalisedBlocks(String output) {
    var blocks = new ArrayList<String>();
    StringBuilder current = null;
    for (String line : output.split("\n", -1)) {
      if (line.startsWith(";; ->>HEADER<<-")) {
        current = new StringBuilder();
      }
      if (current != null) {
        current.append(normalise(line)).append('\n');
        if (line.startsWith(";; MSG SIZE  rcvd:")) {
          blocks.add(current.toString());
          current = null;
        }
      }
    }
    return blocks;
  }

  public static String normalise(String line) {
    String out = ID.matcher(line).replaceAll("id: ID");
    out = COOKIE.matcher(out).replaceAll("COOKIE: COOKIE");
    out = TIME.matcher(out).replaceAll("Query time: T msec");
    return WHEN.matcher(out).replaceAll("WHEN: DATE");
  }
}
