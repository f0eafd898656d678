import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Links the Java runtime the installers carry: the JDK modules {@code jdeps} finds in the staged
 * jars, plus modules reached only through services, then {@code jlink} with the given options.
 *
 * <p>A single-file Java program (run as {@code java LinkRuntime.java ...}) rather than a shell
 * script so the same build step works on Linux, Windows and macOS.
 *
 * <p>Usage: {@code LinkRuntime <staged-jar-dir> <runtime-out> <extra,modules> [jlink options...]}
 */
public final class LinkRuntime {

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: LinkRuntime <staged-jar-dir> <runtime-out> <extra,modules> [jlink options...]");
      System.exit(2);
    }
    Path input = Path.of(args[0]);
    Path output = Path.of(args[1]);
    List<String> jars = new ArrayList<>();
    try (Stream<Path> files = Files.list(input)) {
      files.filter(f -> f.toString().endsWith(".jar")).sorted().forEach(f -> jars.add(f.toString()));
    }
    if (jars.isEmpty()) {
      fail("no jars staged in " + input);
    }

    List<String> jdepsArgs = new ArrayList<>(List.of(
        "--print-module-deps", "--ignore-missing-deps", "--multi-release", "17"));
    jdepsArgs.addAll(jars);
    Set<String> modules = new LinkedHashSet<>(List.of(run("jdeps", jdepsArgs).strip().split(",")));
    for (String extra : args[2].split(",")) {
      if (!extra.isBlank()) {
        modules.add(extra.strip());
      }
    }
    String moduleList = String.join(",", modules);
    System.out.println("[LinkRuntime] modules: " + moduleList);
    Files.writeString(output.resolveSibling(output.getFileName() + "-modules.txt"), moduleList + "\n");

    deleteRecursively(output);
    List<String> jlinkArgs = new ArrayList<>(List.of("--add-modules", moduleList, "--output", output.toString()));
    jlinkArgs.addAll(List.of(args).subList(3, args.length));
    run("jlink", jlinkArgs);
    System.out.println("[LinkRuntime] runtime: " + output);
  }

  private static String run(String tool, List<String> toolArgs) {
    ToolProvider provider = ToolProvider.findFirst(tool)
        .orElseThrow(() -> new IllegalStateException(tool + " not found: build with a full JDK 17"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = provider.run(new PrintWriter(out, true), new PrintWriter(err, true), toolArgs.toArray(String[]::new));
    if (status != 0) {
      fail(tool + " failed (" + status + "): " + err + out);
    }
    return out.toString();
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private static void fail(String message) {
    System.err.println("[LinkRuntime] " + message);
    System.exit(1);
  }
}
