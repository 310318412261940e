package io.mcpwatch.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "backtest", mixinStandardHelpOptions = true, description = "(not implemented yet)")
final class BacktestCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UserError(2, "backtest is not implemented yet");
  }
}
