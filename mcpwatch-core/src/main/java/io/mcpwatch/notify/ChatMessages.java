package io.mcpwatch.notify;

import io.mcpwatch.alarm.AlarmState;
import java.util.Comparator;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Concise chat messages (state, alarm, reason, newest triggering line, link) in each product's
 * incoming-webhook JSON.
 *
 * <ul>
 *   <li>Slack: {@code {"text": ...}} in mrkdwn; {@code & < >} are escaped as Slack requires, so an
 *       alarm name or log line cannot mention {@code <!channel>} or forge a link.
 *   <li>Teams: a message with one Adaptive Card attachment (accepted by Teams Workflows webhooks
 *       and by the older Office 365 connector webhooks). TextBlocks and facts render a markdown
 *       subset (bold, italic, lists, {@code [text](url)} links), so every user-controlled text is
 *       backslash-escaped ({@link #markdownEscape}): a logged {@code [Sign in](https://evil)}
 *       shows as text, never as a link (a renderer that ignores the escapes shows the
 *       backslashes, still no link).
 * </ul>
 */
final class ChatMessages {
  private static final int MAX_TEXT = 600;

  private ChatMessages() {}

  static String slack(AlarmNotice n, NotifySettings settings) {
    StringBuilder b = new StringBuilder(512);
    b.append(emoji(n.newState())).append(" *").append(n.newState().name()).append("*: \"")
        .append(slackEscape(Text.oneLine(n.alarmName(), 255))).append("\" in ")
        .append(slackEscape(settings.regionLongName())).append('\n');
    b.append(n.oldState().name()).append(" -> ").append(n.newState().name()).append(": ")
        .append(slackEscape(Text.oneLine(n.reason(), MAX_TEXT))).append('\n');
    latest(n).ifPresent(l -> b.append("Latest matching log event: ")
        .append(Formats.log(l.time())).append(" `")
        .append(slackEscape(Text.oneLine(l.message(), 300)).replace('`', '\''))
        .append("`\n"));
    b.append('<').append(settings.links().alarm(n.alarmName())).append("|View alarm in mcpwatch>");
    ObjectNode o = Formats.JSON.createObjectNode();
    o.put("text", b.toString());
    return Formats.JSON.writeValueAsString(o);
  }

  static String teams(AlarmNotice n, NotifySettings settings) {
    ObjectNode root = Formats.JSON.createObjectNode();
    root.put("type", "message");
    ObjectNode attachment = root.putArray("attachments").addObject();
    attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
    attachment.putNull("contentUrl");
    ObjectNode card = attachment.putObject("content");
    card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
    card.put("type", "AdaptiveCard");
    card.put("version", "1.4");
    ArrayNode body = card.putArray("body");
    body.addObject().put("type", "TextBlock")
        .put("text", n.newState().name() + ": \""
            + markdownEscape(Text.oneLine(n.alarmName(), 255)) + "\" in "
            + settings.regionLongName())
        .put("weight", "Bolder").put("size", "Medium").put("wrap", true)
        .put("color", n.newState() == AlarmState.ALARM ? "Attention"
            : n.newState() == AlarmState.OK ? "Good" : "Warning");
    body.addObject().put("type", "TextBlock")
        .put("text", markdownEscape(Text.oneLine(n.reason(), MAX_TEXT)))
        .put("wrap", true);
    ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
    facts.addObject().put("title", "State change")
        .put("value", n.oldState().name() + " -> " + n.newState().name());
    facts.addObject().put("title", "Time").put("value", Formats.human(n.stateChangeTime()));
    latest(n).ifPresent(l -> facts.addObject().put("title", "Latest log event")
        .put("value", Formats.log(l.time()) + "  "
            + markdownEscape(Text.oneLine(l.message(), 300))));
    ObjectNode action = card.putArray("actions").addObject();
    action.put("type", "Action.OpenUrl").put("title", "View alarm in mcpwatch")
        .put("url", settings.links().alarm(n.alarmName()));
    return Formats.JSON.writeValueAsString(root);
  }

  private static Optional<TriggerLine> latest(AlarmNotice n) {
    return n.triggeringLines().stream().max(Comparator.comparing(TriggerLine::time));
  }

  private static String emoji(AlarmState s) {
    switch (s) {
      case ALARM:
        return ":rotating_light:";
      case OK:
        return ":white_check_mark:";
      default:
        return ":grey_question:";
    }
  }

  /**
   * Markdown's inline syntax characters backslash-escaped (CommonMark allows it before any ASCII
   * punctuation), plus {@code # + -} at the start (headings, lists); {@code { }} too (Adaptive
   * Cards' {@code {{DATE(...)}}} functions).
   */
  static String markdownEscape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    boolean start = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ("\\`*_[](){}<>~".indexOf(c) >= 0 || (start && "#+-".indexOf(c) >= 0)) {
        b.append('\\');
      }
      start &= c == ' ';
      b.append(c);
    }
    return b.toString();
  }

  /** Slack's three control characters in message text. */
  static String slackEscape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
