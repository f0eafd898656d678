package io.netdoctor.core.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The labs on offer: the built-in ones (resources listed in {@code labs.txt}) and a trainer's folder of
 * {@code *.yaml} files. A bad file becomes one problem line and the other labs still load; a folder lab with a
 * built-in's name replaces it.
 */
public final class LabCatalog {

  static final String RESOURCES = "/io/netdoctor/labs/";

  private final Map<String, Lab> labs;
  private final List<String> problems;

  private LabCatalog(Map<String, Lab> labs, List<String> problems) {
    this.labs = labs;
    this.problems = List.copyOf(problems);
  }

  /** The built-in labs only. */
  public static LabCatalog builtIn() {
    return load(null);
  }

  /** The built-in labs plus every {@code *.yaml}/{@code *.yml} in {@code folder} (null: none). */
  public static LabCatalog load(Path folder) {
    var labs = new LinkedHashMap<String, Lab>();
    var problems = new ArrayList<String>();
    for (String file : builtInFiles()) {
      try (InputStream in = LabCatalog.class.getResourceAsStream(RESOURCES + file)) {
        if (in == null) {
          problems.add(file + ": built-in lab missing from the application");
          continue;
        }
        Lab lab = LabFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), file);
        labs.put(lab.name(), lab);
      } catch (IOException e) {
        problems.add(file + ": " + e.getMessage());
      } catch (LabFileException e) {
        problems.add(e.getMessage());
      }
    }
    if (folder != null) {
      readFolder(folder, labs, problems);
    }
    return new LabCatalog(labs, problems);
  }

  private static void readFolder(Path folder, Map<String, Lab> labs, List<String> problems) {
    List<Path> files;
    try (Stream<Path> listing = Files.list(folder)) {
      files = listing.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
    } catch (IOException e) {
      problems.add(folder + ": the lab folder cannot be read (" + e.getMessage() + ")");
      return;
    }
    var seen = new LinkedHashMap<String, String>();
    for (Path file : files) {
      try {
        Lab lab = LabFile.read(file);
        String earlier = seen.putIfAbsent(lab.name(), file.getFileName().toString());
        if (earlier != null) {
          problems.add(file.getFileName() + ", line 1, field name: the lab name " + lab.name() + " is taken by "
              + earlier);
          continue;
        }
        labs.put(lab.name(), lab);
      } catch (LabFileException e) {
        problems.add(e.getMessage());
      }
    }
  }

  private static List<String> builtInFiles() {
    try (InputStream in = LabCatalog.class.getResourceAsStream(RESOURCES + "labs.txt")) {
      if (in == null) {
        return List.of();
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  public List<Lab> labs() {
    return List.copyOf(labs.values());
  }

  public Optional<Lab> find(String name) {
    return Optional.ofNullable(labs.get(name));
  }

  /** One line per file that could not be used: file, line, field and what is wrong. */
  public List<String> problems() {
    return problems;
  }

  /** "Unknown lab x; the labs are: a, b, c" — the one line the CLI prints. */
  public String unknown(String name) {
    return "Unknown lab " + name + "; the labs are: " + String.join(", ", labs.keySet());
  }
}
