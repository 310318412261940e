package io.mcpwatch.notify.http;

import io.mcpwatch.notify.DeliveryException;
import io.mcpwatch.notify.MessageKind;
import io.mcpwatch.notify.Notifier;
import io.mcpwatch.notify.OutboxItem;
import io.mcpwatch.notify.PermanentDeliveryException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Delivers {@code http}/{@code https} items as SNS does (spec 4.5): a POST of the signed JSON
 * document with the headers {@code x-amz-sns-message-type}, {@code x-amz-sns-message-id}, {@code
 * x-amz-sns-topic-arn}, {@code x-amz-sns-subscription-arn} (notifications only), {@code
 * Content-Type: text/plain; charset=UTF-8} and a {@code User-Agent}. Once, classified by {@link
 * HttpPost}. Thread-safe.
 */
public final class SnsHttpNotifier implements Notifier {
  /** SNS's User-Agent, kept for receivers that check it. */
  public static final String SNS_USER_AGENT = "Amazon Simple Notification Service Agent";

  private final HttpPost http;

  public SnsHttpNotifier(HttpPost http) {
    this.http = Objects.requireNonNull(http, "http");
  }

  /** 15 s timeout and SNS's User-Agent. */
  public static SnsHttpNotifier create() {
    return new SnsHttpNotifier(HttpPost.create(HttpPost.DEFAULT_TIMEOUT, SNS_USER_AGENT));
  }

  @Override
  public void send(OutboxItem item) throws DeliveryException {
    if (item.protocol().isEmail() || !item.protocol().requiresConfirmation()) {
      throw new PermanentDeliveryException(
          "the SNS HTTP transport cannot deliver protocol " + item.protocol().id());
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("x-amz-sns-message-type", item.kind().snsType());
    headers.put("x-amz-sns-message-id", item.messageId());
    headers.put("x-amz-sns-topic-arn", item.topicArn());
    if (item.kind() == MessageKind.NOTIFICATION) {
      headers.put("x-amz-sns-subscription-arn", item.subscriptionArn());
    }
    headers.put("Content-Type", "text/plain; charset=UTF-8");
    http.post(item.endpoint(), headers, item.body());
  }
}
