package io.mcpwatch.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "init", mixinStandardHelpOptions = true, description = "(not implemented yet)")
final class InitCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UserError(2, "init is not implemented yet");
  }
}
