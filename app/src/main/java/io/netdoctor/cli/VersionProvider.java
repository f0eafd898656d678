package io.netdoctor.cli;

import io.netdoctor.core.platform.AppVersion;
import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"NetDoctor " + AppVersion.current()};
  }
}
