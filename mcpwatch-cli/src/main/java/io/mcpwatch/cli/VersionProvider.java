package io.mcpwatch.cli;

import picocli.CommandLine;

final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = McpwatchCommand.class.getPackage().getImplementationVersion();
    return new String[] {"mcpwatch " + (v != null ? v : "0.1.0-SNAPSHOT")};
  }
}
