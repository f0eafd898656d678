package io.netdoctor.cli;

import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = NetDoctorCli.class.getPackage().getImplementationVersion();
    return new String[] {"NetDoctor " + (version == null ? "dev" : version)};
  }
}
