package io.netdoctor.bench;

import java.util.List;

/**
 * {@code --smoke}: a benchmark main runs one small round to prove that it (and the README's command for it) still
 * works; CI runs every benchmark so. Its figures measure nothing.
 */
final class Smoke {

  private Smoke() {
  }

  /** True when the arguments ask for a smoke run; says so on stdout, so nobody mistakes its figures. */
  static boolean requested(String[] args) {
    boolean smoke = List.of(args).contains("--smoke");
    if (smoke) {
      System.out.println("SMOKE RUN (--smoke): one small round to prove the benchmark runs; the figures mean nothing");
    }
    return smoke;
  }
}
