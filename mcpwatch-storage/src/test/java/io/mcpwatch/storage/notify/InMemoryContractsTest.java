package io.mcpwatch.storage.notify;

import io.mcpwatch.notify.Attempt;
import io.mcpwatch.notify.InMemoryOutbox;
import io.mcpwatch.notify.InMemorySubscriptionStore;
import io.mcpwatch.notify.Outbox;
import io.mcpwatch.notify.OutboxItem;
import io.mcpwatch.notify.SubscriptionStore;
import java.util.List;
import org.junit.jupiter.api.Nested;

/**
 * The contracts hold for the in-memory reference implementations (so they state their semantics).
 */
class InMemoryContractsTest {

  @Nested
  class Outboxes extends OutboxContract {
    private final InMemoryOutbox outbox = new InMemoryOutbox();

    @Override
    Outbox outbox() {
      return outbox;
    }

    @Override
    List<OutboxItem> items() {
      return outbox.items();
    }

    @Override
    List<Attempt> attempts(String id) {
      return outbox.attempts(id);
    }
  }

  @Nested
  class Subscriptions extends SubscriptionStoreContract {
    private final InMemorySubscriptionStore store = new InMemorySubscriptionStore();

    @Override
    SubscriptionStore store() {
      return store;
    }
  }
}
