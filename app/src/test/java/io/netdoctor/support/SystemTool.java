package io.netdoctor.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * Skips a test (with the reason on stderr) when a system tool or root is missing, but fails under CI
 * ({@code CI=true} in any case, or {@code CI=1}). Call it from a test, {@code @BeforeAll}/{@code @BeforeEach} or an
 * extension's {@code beforeAll}: never from a ParameterResolver, where JUnit reports a failed assumption as an error.
 *
 * <p>The system property {@code netdoctor.test.missing} (comma-separated tool names, and {@code root}) pretends
 * those are missing, so the skip path can be proven on a machine that has everything.
 */
public final class SystemTool {

  /** Tools (and "root") to treat as missing: {@code -Dnetdoctor.test.missing=named,sshd,tcpdump,root}. */
  public static final String PRETEND_MISSING = "netdoctor.test.missing";

  private SystemTool() {
  }

  /** True when CI says so: CI=true (any case) or CI=1, as CI services set it. */
  public static boolean ci() {
    String value = System.getenv("CI");
    return value != null && (value.strip().equalsIgnoreCase("true") || value.strip().equals("1"));
  }

  private static Set<String> pretendMissing() {
    return Arrays.stream(System.getProperty(PRETEND_MISSING, "").split(","))
        .map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
  }

  /** Whether the executable exists (and is not pretended missing). */
  public static boolean present(Path executable) {
    return Files.isExecutable(executable)
        && !pretendMissing().contains(executable.getFileName().toString().toLowerCase(Locale.ROOT));
  }

  /** Why root is missing, for the skip message. */
  public static String notRoot() {
    return "running as " + System.getProperty("user.name")
        + (pretendMissing().contains("root") ? " (-D" + PRETEND_MISSING + " pretends root is missing)" : "");
  }

  /** Whether the tests run as root (and root is not pretended missing). */
  public static boolean root() {
    return "root".equals(System.getProperty("user.name")) && !pretendMissing().contains("root");
  }

  /** Fails under CI, otherwise skips the test (or the class, from @BeforeAll) with the reason printed. */
  public static void skipOrFail(String reason) {
    if (ci()) {
      throw ciFailure(reason);
    }
    System.err.println("SKIPPED: " + reason);
    Assumptions.abort(reason);
  }

  /** The failure a missing tool is under CI, where these tests are mandatory. */
  public static AssertionError ciFailure(String reason) {
    return new AssertionError("CI is set and " + reason + " (under CI this test is mandatory)");
  }

  /** Skips or fails (see {@link #skipOrFail}) unless {@code ok}. */
  public static void require(boolean ok, String reason) {
    if (!ok) {
      skipOrFail(reason);
    }
  }

  /** The tool's path, searched on PATH and in /usr/sbin. */
  public static Path require(String name, String packageHint) {
    Path found = find(name);
    if (found == null) {
      skipOrFail(missing(name, packageHint));
    }
    return found;
  }

  /** The tool's path on PATH or in /usr/sbin, or null. */
  public static Path find(String name) {
    for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin").split(":")) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
      if (present(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** The reason a missing tool gives. */
  public static String missing(String name, String packageHint) {
    return name + " is not installed (apt-get install -y " + packageHint + ")";
  }

  /** Requires the executable at a fixed path, naming the package that brings it. */
  public static void requireAt(Path executable, String packageHint) {
    require(present(executable), executable + " is missing: apt-get install -y " + packageHint);
  }
}
