package io.mcpwatch.storage.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.notify.Protocol;
import io.mcpwatch.notify.Subscription;
import io.mcpwatch.notify.SubscriptionStatus;
import io.mcpwatch.notify.SubscriptionStore;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The {@link SubscriptionStore} port's semantics, as {@code InMemorySubscriptionStore} has them.
 */
abstract class SubscriptionStoreContract {

  static final Instant T = Instant.parse("2024-05-01T10:00:00Z");
  static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:security";

  abstract SubscriptionStore store();

  static Subscription pending(String id, String endpoint, @Nullable String token) {
    return new Subscription(
        id,
        TOPIC,
        Protocol.EMAIL,
        endpoint,
        SubscriptionStatus.PENDING_CONFIRMATION,
        token,
        T,
        token == null ? null : T.plusSeconds(1),
        null);
  }

  static Subscription confirmed(Subscription s) {
    return new Subscription(
        s.id(),
        s.topicArn(),
        s.protocol(),
        s.endpoint(),
        SubscriptionStatus.CONFIRMED,
        s.token(),
        s.createdAt(),
        s.tokenIssuedAt(),
        T.plusSeconds(60));
  }

  @Test
  void put_storesEveryFieldAndFindsByArnAndToken() {
    Subscription s = pending("11111111-1111-4111-8111-111111111111", "ops@example.com", "tok1");
    Subscription chat =
        new Subscription(
            "22222222-2222-4222-8222-222222222222",
            TOPIC,
            Protocol.SLACK,
            "https://hooks.slack.com/services/T/B/secret",
            SubscriptionStatus.CONFIRMED,
            null,
            T.plusSeconds(5),
            null,
            T.plusSeconds(5));
    store().put(s);
    store().put(chat);
    assertThat(store().all()).containsExactly(s, chat);
    assertThat(store().byArn(s.arn())).contains(s);
    assertThat(store().byArn(TOPIC + ":nope")).isEmpty();
    assertThat(store().byToken("tok1")).contains(s);
    assertThat(store().byToken("nope")).isEmpty();
  }

  @Test
  void put_replacesTheSameArnAndKeepsCreationOrder() {
    Subscription a = pending("a", "a@example.com", "ta");
    Subscription b = pending("b", "b@example.com", "tb");
    Subscription c = pending("c", "c@example.com", null);
    store().put(a);
    store().put(b);
    store().put(c);
    Subscription a2 = confirmed(a);
    store().put(a2);
    assertThat(store().all()).containsExactly(a2, b, c);
    Subscription retokened = pending("b", "b@example.com", "tb2");
    store().put(retokened);
    assertThat(store().byToken("tb")).isEmpty();
    assertThat(store().byToken("tb2")).contains(retokened);
  }

  @Test
  void delete_removesAndIgnoresMissing() {
    Subscription a = pending("a", "a@example.com", "ta");
    Subscription b = pending("b", "b@example.com", "tb");
    store().put(a);
    store().put(b);
    store().delete(a.arn());
    store().delete(a.arn());
    store().delete(TOPIC + ":never");
    assertThat(store().all()).containsExactly(b);
    assertThat(store().byToken("ta")).isEmpty();
    store().put(a);
    assertThat(store().all()).containsExactly(b, a);
  }
}
