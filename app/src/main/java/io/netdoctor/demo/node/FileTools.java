package io.netdoctor.demo.node;

import java.util.Base64;
import java.util.List;

/** `base64 -w 76 FILE` (how NetDoctor fetches a pcap) and `rm -f FILE…`, on the node's simulated /tmp. */
final class FileTools {

  private FileTools() {
  }

  static Tool base64(NodeFiles files) {
    return (args, call) -> {
      int width = 76;
      String path = null;
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        if (a.equals("-w") && i + 1 < args.size() && args.get(i + 1).matches("[0-9]{1,6}")) {
          width = Integer.parseInt(args.get(++i));
        } else if (a.startsWith("-") && !a.equals("-")) {
          call.err("base64: a demo node's base64 takes -w COLS FILE only");
          return 1;
        } else {
          path = a;
        }
      }
      NodeFiles.File file = path == null ? null : files.get(NodeFiles.key(path, call.inToolbox()));
      if (file == null) {
        call.err("base64: " + (path == null ? "-" : path) + ": No such file or directory");
        return 1;
      }
      String text = Base64.getEncoder().encodeToString(file.bytes());
      int w = width == 0 ? Integer.MAX_VALUE : width;
      for (int i = 0; i < text.length(); i += w) {
        call.out(text.substring(i, Math.min(text.length(), i + w)));
      }
      return 0;
    };
  }

  static Tool rm(NodeFiles files) {
    return (args, call) -> {
      boolean force = false;
      int status = 0;
      for (String a : args) {
        if (a.startsWith("-") && !a.equals("--")) {
          force |= a.contains("f");
        } else if (!a.equals("--")) {
          if (!files.remove(NodeFiles.key(a, call.inToolbox())) && !force) {
            call.err("rm: cannot remove '" + a + "': No such file or directory");
            status = 1;
          }
        }
      }
      return status;
    };
  }

  /** `pkill -f [--] PATTERN`: stops the simulated processes whose command line matches; 1 when none did. */
  static Tool pkill(Processes processes) {
    return (args, call) -> {
      List<String> words = args.stream().filter(a -> !a.startsWith("-")).toList();
      if (words.size() != 1 || !args.contains("-f")) {
        call.err("pkill: a demo node's pkill takes -f [--] PATTERN");
        return 2;
      }
      java.util.regex.Pattern pattern;
      try {
        pattern = java.util.regex.Pattern.compile(words.get(0));
      } catch (java.util.regex.PatternSyntaxException e) {
        call.err("pkill: invalid pattern: " + e.getDescription());
        return 2;
      }
      return processes.stopMatching(pattern) > 0 ? 0 : 1;
    };
  }
}
