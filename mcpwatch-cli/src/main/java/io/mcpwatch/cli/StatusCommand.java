package io.mcpwatch.cli;

import io.mcpwatch.config.ServiceSettings;
import io.mcpwatch.configfile.ConfigCheck;
import io.mcpwatch.configfile.ConfigFiles;
import io.mcpwatch.configfile.LoadedConfig;
import io.mcpwatch.live.ServicePlan;
import io.mcpwatch.live.StatusView;
import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.DatabaseConfig;
import io.mcpwatch.storage.StorageException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mcpwatch status}: what the service's database says, while it runs or after. The
 * configuration is needed only to find the database (and the alarms' definitions): when the file
 * has errors, status says so in one line and shows the alarms as the service last committed them.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Shows whether the service runs (and where it listens), every alarm's state, reason and"
          + " last transition, the minute aggregates inside its evaluation range, each source's"
          + " position and the notification outbox with the causes of failed deliveries, from"
          + " the database of the configuration (read-only: works while mcpwatch run is running,"
          + " and when the file has errors)."
    })
final class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigOption c;

  @Option(names = "--app", paramLabel = "APP", description = "Only this app's alarms.")
  @Nullable String app;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "text (default) or json (per alarm the same object as backtest --format"
          + " json, plus the service, sources and outbox).")
  TestPatternCommand.OutputFormat format = TestPatternCommand.OutputFormat.text;

  @Override
  public Integer call() {
    ConfigCheck check = ConfigFiles.checkForReading(c.config, app);
    boolean clean = check.errorCount() == 0 && check.config() != null
        && check.resolution() != null;
    DatabaseConfig dbc;
    LoadedConfig loaded = null;
    if (clean) {
      loaded = new LoadedConfig(c.config, check.config(), check.resolution().alarms(), List.of());
      dbc = ServicePlan.database(loaded);
      if (app != null && loaded.alarms().isEmpty()) {
        throw new UserError(2, "no app " + app + " in " + c.config);
      }
    } else {
      ServiceSettings.StorageSettings storage = check.config() == null
          ? ServiceSettings.StorageSettings.defaults()
          : check.config().service().storage();
      dbc = ServicePlan.database(c.config, storage);
      PrintWriter err = spec.commandLine().getErr();
      err.println("mcpwatch: " + c.config + " has " + check.errorCount() + (check.errorCount() == 1 ? " error" : " errors")
          + " (mcpwatch validate -c " + c.config + " shows them); showing the alarms as last"
          + " committed in " + dbc.describe()
          + (check.config() == null ? " (the default storage.url)" : "")
          + (app == null ? "" : ", all apps (--app needs the file)"));
      err.flush();
    }
    StatusView view;
    try (Database db = Database.openReadOnly(dbc)) {
      int extra = clean
          ? loaded.config().service().engine().extraRangeDatapoints()
          : check.config() == null ? 2 : check.config().service().engine().extraRangeDatapoints();
      if (clean) {
        view = StatusView.read(db, loaded.alarms(), app == null, a -> true, extra, Instant.now());
      } else {
        view = StatusView.readStoredOnly(db, extra, Instant.now());
      }
    } catch (StorageException e) {
      throw new UserError(1, e.getMessage() + " (has mcpwatch run -c " + c.config + " run yet?)");
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(format == TestPatternCommand.OutputFormat.json ? view.json() : view.text());
    out.flush();
    return 0;
  }
}
