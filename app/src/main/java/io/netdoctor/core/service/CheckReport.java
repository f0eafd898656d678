package io.netdoctor.core.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** A finished "Check Service" as the command line prints it: text lines or one JSON document. */
public record CheckReport(String service, String client, List<CheckStep> steps) {

  public CheckReport {
    steps = List.copyOf(steps);
  }

  public long failed() {
    return steps.stream().filter(CheckStep::failed).count();
  }

  public long count(CheckStep.Outcome outcome) {
    return steps.stream().filter(s -> s.outcome() == outcome).count();
  }

  /** `PASS  title: evidence` per step (a failure's details indented under it), then a summary line. */
  public String text() {
    var out = new StringBuilder();
    out.append("Check Service ").append(service).append(client == null ? "" : " from " + client).append('\n');
    for (CheckStep step : steps) {
      out.append(String.format(Locale.ROOT, "%-4s  %s: %s%n", step.outcome(), step.title(), step.evidence()));
      if (step.failed()) {
        step.details().forEach(d -> out.append("        ").append(d).append('\n'));
      }
    }
    out.append(count(CheckStep.Outcome.PASS)).append(" passed, ").append(failed()).append(" failed, ")
        .append(count(CheckStep.Outcome.SKIP)).append(" skipped\n");
    return out.toString();
  }

  /** {@code {"service":…, "client":…, "passed":…, "failed":…, "skipped":…, "steps":[{title, outcome, evidence, details, commands}]}}. */
  public String json() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("service", service);
    doc.put("client", client);
    doc.put("passed", count(CheckStep.Outcome.PASS));
    doc.put("failed", failed());
    doc.put("skipped", count(CheckStep.Outcome.SKIP));
    doc.put("steps", steps.stream().map(s -> {
      Map<String, Object> step = new LinkedHashMap<>();
      step.put("title", s.title());
      step.put("outcome", s.outcome().name());
      step.put("evidence", s.evidence());
      step.put("details", s.details());
      step.put("commands", s.commands());
      return step;
    }).toList());
    return JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(doc);
  }
}
