package io.mcpwatch.notify;

import io.mcpwatch.alarm.AlarmState;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Renders what an alarm state change publishes; see the package-private renderers for the rules.
 * {@link NotificationPlanner} uses these; they are public for previews (CLI, dashboard).
 */
public final class AlarmMessages {
  /** Subject of confirmation e-mails (SNS: "AWS Notification - Subscription Confirmation"). */
  public static final String CONFIRMATION_SUBJECT =
      "mcpwatch Notification - Subscription Confirmation";

  private AlarmMessages() {}

  /** {@code ALARM: "<name>" in <Region long name>}, under 100 characters, one line. */
  public static String subject(AlarmNotice n, NotifySettings settings) {
    return AlarmSubject.of(n.newState(), n.alarmName(), settings.regionLongName());
  }

  /** Same, from parts. */
  public static String subject(AlarmState state, String alarmName, NotifySettings settings) {
    return AlarmSubject.of(state, alarmName, settings.regionLongName());
  }

  /** The CloudWatch alarm JSON (the SNS {@code Message}). */
  public static String json(AlarmNotice n, NotifySettings settings) {
    return AlarmJson.of(n, settings);
  }

  /** The e-mail body; the footer carries {@code unsubscribeUrl} when given. */
  public static String emailText(
      AlarmNotice n, NotifySettings settings, @Nullable String unsubscribeUrl) {
    return AlarmEmailText.of(n, settings, unsubscribeUrl);
  }

  /** Slack incoming-webhook JSON. */
  public static String slack(AlarmNotice n, NotifySettings settings) {
    return ChatMessages.slack(n, settings);
  }

  /** Teams incoming-webhook JSON (an Adaptive Card message). */
  public static String teams(AlarmNotice n, NotifySettings settings) {
    return ChatMessages.teams(n, settings);
  }

  /** The confirmation e-mail body (spec 4.2, with mcpwatch's link and the expiry time). */
  public static String confirmationEmailText(
      String topicArn, String confirmUrl, Instant expiresAt) {
    StringBuilder b = new StringBuilder(512);
    b.append("You have chosen to subscribe to the topic:\n").append(topicArn).append("\n\n")
        .append("To confirm this subscription, click or visit the link below (If this was in")
        .append(" error no action is necessary):\n")
        .append("Confirm subscription: ").append(confirmUrl).append("\n\n")
        .append("The link works until ").append(Formats.human(expiresAt)).append(".\n\n");
    AlarmEmailText.appendFooter(b, null);
    return b.toString();
  }
}
