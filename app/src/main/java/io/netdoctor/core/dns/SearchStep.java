package io.netdoctor.core.dns;

/** One name of a pod's search-path expansion and how it came out ("not tried" after the one that answered). */
public record SearchStep(int order, String candidate, String outcome, String data, boolean answered) {
}
