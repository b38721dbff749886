package dev.logmon.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads logmon's version from the jar manifest (Maven writes it), for {@code --version}. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = LogmonCommand.class.getPackage().getImplementationVersion();
    return new String[] {
      "logmon " + (v == null ? "(development build)" : v),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
    };
  }
}
