package io.mcpwatch.streams;

import io.mcpwatch.notify.MessageKind;
import io.mcpwatch.notify.OutboxItem;
import io.mcpwatch.notify.OutboxStatus;
import io.mcpwatch.notify.Protocol;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** An {@link OutboxItem} as the JSON value of the {@code outbox} store (every field, by name). */
final class OutboxItemCodec {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private OutboxItemCodec() {}

  static String encode(OutboxItem i) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", i.id());
    o.put("messageId", i.messageId());
    o.put("kind", i.kind().name());
    o.put("protocol", i.protocol().name());
    o.put("endpoint", i.endpoint());
    o.put("topicArn", i.topicArn());
    o.put("subscriptionArn", i.subscriptionArn());
    o.put("alarmName", i.alarmName());
    o.put("subject", i.subject());
    o.put("body", i.body());
    o.put("unsubscribeUrl", i.unsubscribeUrl());
    o.put("senderName", i.senderName());
    o.put("createdAt", i.createdAt().toEpochMilli());
    o.put("status", i.status().name());
    o.put("attempts", i.attempts());
    o.put("nextAttemptAt", i.nextAttemptAt().toEpochMilli());
    o.put("lastError", i.lastError());
    return JSON.writeValueAsString(o);
  }

  static OutboxItem decode(String json) {
    JsonNode o = JSON.readTree(json);
    return new OutboxItem(o.get("id").asString(), o.get("messageId").asString(),
        MessageKind.valueOf(o.get("kind").asString()), Protocol.valueOf(o.get("protocol").asString()),
        o.get("endpoint").asString(), o.get("topicArn").asString(),
        o.get("subscriptionArn").asString(), text(o, "alarmName"), text(o, "subject"),
        o.get("body").asString(), text(o, "unsubscribeUrl"), o.get("senderName").asString(),
        Instant.ofEpochMilli(o.get("createdAt").asLong()),
        OutboxStatus.valueOf(o.get("status").asString()), o.get("attempts").asInt(),
        Instant.ofEpochMilli(o.get("nextAttemptAt").asLong()), text(o, "lastError"));
  }

  private static @Nullable String text(JsonNode o, String field) {
    JsonNode n = o.get(field);
    return n == null || n.isNull() ? null : n.asString();
  }
}
