package io.mcpwatch.live;

import io.mcpwatch.config.ServiceSettings;
import io.mcpwatch.storage.DatabaseConfig;
import io.mcpwatch.storage.Retention;

/** The database configuration of a service from its settings. */
final class Storage {
  private Storage() {}

  /**
   * @param url the JDBC URL with relative SQLite paths already resolved ({@link
   *     ServicePlan#storageUrl()})
   */
  static DatabaseConfig config(String url, ServiceSettings.StorageSettings settings) {
    Retention r = Retention.defaults();
    return DatabaseConfig.of(url)
        .withCredentials(settings.user(), settings.password())
        .withRetention(new Retention(settings.historyRetention(), r.aggregates(), r.outbox()));
  }
}
