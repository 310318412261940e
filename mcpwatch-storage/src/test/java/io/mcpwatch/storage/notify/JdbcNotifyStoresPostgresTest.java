package io.mcpwatch.storage.notify;

import io.mcpwatch.notify.Attempt;
import io.mcpwatch.notify.Outbox;
import io.mcpwatch.notify.OutboxItem;
import io.mcpwatch.notify.SubscriptionStore;
import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.PostgresCluster;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;

/** The outbox and subscription contracts on a real PostgreSQL server. */
@Tag("slow")
class JdbcNotifyStoresPostgresTest {

  Database db;

  @BeforeEach
  void open() {
    db = Database.open(PostgresCluster.shared().newDatabase());
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Nested
  class Outboxes extends OutboxContract {
    @Override
    Outbox outbox() {
      return new JdbcOutbox(db);
    }

    @Override
    List<OutboxItem> items() {
      return new JdbcOutbox(db).items();
    }

    @Override
    List<Attempt> attempts(String id) {
      return new JdbcOutbox(db).attempts(id);
    }
  }

  @Nested
  class Subscriptions extends SubscriptionStoreContract {
    @Override
    SubscriptionStore store() {
      return new JdbcSubscriptionStore(db);
    }
  }
}
