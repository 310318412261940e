package io.mcpwatch.cli;

import io.mcpwatch.configfile.ConfigFiles;
import io.mcpwatch.configfile.LoadedConfig;
import io.mcpwatch.live.ServicePlan;
import io.mcpwatch.live.StatusView;
import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.DatabaseConfig;
import io.mcpwatch.storage.StorageException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mcpwatch status}: what the service's database says, while it runs or after. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Shows every alarm's state, reason and last transition, the minute aggregates inside its"
          + " evaluation range, each source's position and the notification outbox, from the"
          + " database of the configuration (read-only: works while mcpwatch run is running)."
    })
final class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
      description = "The configuration the service runs.")
  Path config;

  @Option(names = "--app", paramLabel = "APP", description = "Only this app's alarms.")
  @Nullable String app;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "text (default) or json (per alarm the same object as backtest --format"
          + " json, plus sources and outbox).")
  TestPatternCommand.OutputFormat format = TestPatternCommand.OutputFormat.text;

  @Override
  public Integer call() {
    LoadedConfig loaded = ConfigFiles.load(config);
    DatabaseConfig dbc = ServicePlan.database(loaded);
    StatusView view;
    try (Database db = Database.openReadOnly(dbc)) {
      view = StatusView.read(db, loaded.alarms(), a -> app == null || a.app().equals(app),
          loaded.config().service().engine().extraRangeDatapoints(), Instant.now());
    } catch (StorageException e) {
      throw new UserError(1, e.getMessage() + " (has mcpwatch run -c " + config + " run yet?)");
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(format == TestPatternCommand.OutputFormat.json ? view.json() : view.text());
    out.flush();
    return 0;
  }
}
