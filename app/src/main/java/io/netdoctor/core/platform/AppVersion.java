package io.netdoctor.core.platform;

/** NetDoctor's version, from the jar's manifest ({@code dev} when run from classes, as in tests). */
public final class AppVersion {

  private AppVersion() {
  }

  public static String current() {
    String version = AppVersion.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
