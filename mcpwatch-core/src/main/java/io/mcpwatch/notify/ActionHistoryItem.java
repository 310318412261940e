package io.mcpwatch.notify;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * An alarm history item of type {@code Action} (spec 3.8), reported through the dispatcher's
 * history callback (one per delivery outcome) and by {@link NotificationPlanner} (for actions that
 * reach nobody).
 *
 * @param alarmName the alarm
 * @param timestamp when the outcome was known
 * @param succeeded whether the action succeeded
 * @param actionArn the topic ARN (the action)
 * @param summary {@code Successfully executed action <arn>} or {@code Failed to execute action
 *     <arn>. Reason: <reason>}
 * @param historyData {@code {"actionState":"Succeeded","notificationResource":"<arn>"}} (plus
 *     {@code subscriptionArn} when the item is about one subscription, and {@code error} on
 *     failure)
 */
public record ActionHistoryItem(
    String alarmName,
    Instant timestamp,
    boolean succeeded,
    String actionArn,
    String summary,
    String historyData) {

  public static final String HISTORY_ITEM_TYPE = "Action";

  public ActionHistoryItem {
    Objects.requireNonNull(alarmName, "alarmName");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(actionArn, "actionArn");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(historyData, "historyData");
  }

  public static ActionHistoryItem success(
      String alarmName, Instant at, String actionArn, @Nullable String subscriptionArn) {
    return new ActionHistoryItem(alarmName, at, true, actionArn,
        "Successfully executed action " + actionArn, data("Succeeded", actionArn,
            subscriptionArn, null));
  }

  public static ActionHistoryItem failure(
      String alarmName, Instant at, String actionArn, String reason,
      @Nullable String subscriptionArn) {
    String r = Text.oneLine(reason, 1000);
    return new ActionHistoryItem(alarmName, at, false, actionArn,
        "Failed to execute action " + actionArn + ". Reason: " + r,
        data("Failed", actionArn, subscriptionArn, r));
  }

  private static String data(
      String state, String arn, @Nullable String subscriptionArn, @Nullable String error) {
    ObjectNode o = Formats.JSON.createObjectNode();
    o.put("actionState", state);
    o.put("notificationResource", arn);
    if (subscriptionArn != null) {
      o.put("subscriptionArn", subscriptionArn);
    }
    if (error != null) {
      o.put("error", error);
    }
    return Formats.JSON.writeValueAsString(o);
  }
}
