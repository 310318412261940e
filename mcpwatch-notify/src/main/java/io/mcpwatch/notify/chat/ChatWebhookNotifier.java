package io.mcpwatch.notify.chat;

import io.mcpwatch.notify.DeliveryException;
import io.mcpwatch.notify.MessageKind;
import io.mcpwatch.notify.Notifier;
import io.mcpwatch.notify.OutboxItem;
import io.mcpwatch.notify.PermanentDeliveryException;
import io.mcpwatch.notify.Protocol;
import io.mcpwatch.notify.http.HttpPost;
import java.util.Map;
import java.util.Objects;

/**
 * Posts {@code slack} and {@code teams} items ({@code application/json}) to their incoming-webhook
 * URL, once; 2xx is success, 5xx/429/timeouts are temporary, other answers permanent (e.g. Slack's
 * 404 {@code no_service} or 410 for a revoked webhook). Thread-safe.
 */
public final class ChatWebhookNotifier implements Notifier {
  private final HttpPost http;

  public ChatWebhookNotifier(HttpPost http) {
    this.http = Objects.requireNonNull(http, "http");
  }

  /** 15 s timeout, User-Agent {@code mcpwatch}. */
  public static ChatWebhookNotifier create() {
    return new ChatWebhookNotifier(HttpPost.create(HttpPost.DEFAULT_TIMEOUT, "mcpwatch"));
  }

  @Override
  public void send(OutboxItem item) throws DeliveryException {
    if ((item.protocol() != Protocol.SLACK && item.protocol() != Protocol.TEAMS)
        || item.kind() != MessageKind.NOTIFICATION) {
      throw new PermanentDeliveryException("the chat webhook transport cannot deliver "
          + item.protocol().id() + " " + item.kind());
    }
    http.post(item.endpoint(), Map.of("Content-Type", "application/json; charset=utf-8"),
        item.body());
  }
}
