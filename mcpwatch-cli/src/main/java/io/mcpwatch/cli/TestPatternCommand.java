package io.mcpwatch.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "test-pattern", mixinStandardHelpOptions = true, description = "(not implemented yet)")
final class TestPatternCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UserError(2, "test-pattern is not implemented yet");
  }
}
