package io.netdoctor.support;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Skips a test (with the reason on stderr) when a system tool is missing, but fails under CI=true. */
public final class SystemTool {

  private SystemTool() {
  }

  /** The tool's path, searched on PATH and in /usr/sbin. */
  public static Path require(String name, String packageHint) {
    for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin").split(":")) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    String reason = name + " is not installed (apt-get install -y " + packageHint + ")";
    if ("true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI=true and " + reason);
    }
    System.err.println("SKIPPED: " + reason);
    Assumptions.assumeTrue(false, reason);
    return null;
  }
}
