package io.mcpwatch.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "validate", mixinStandardHelpOptions = true, description = "(not implemented yet)")
final class ValidateCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UserError(2, "validate is not implemented yet");
  }
}
