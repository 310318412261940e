package io.mcpwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ChatMessagesTest {

  @Test
  void slack_hasStateAlarmReasonLatestLineAndLink() {
    JsonNode n = Formats.JSON.readTree(
        ChatMessages.slack(Fixtures.authNotice("prod-teams-auth", Fixtures.lines()),
            Fixtures.settings()));

    assertThat(n.propertyNames()).containsExactly("text");
    assertThat(n.get("text").asString()).isEqualTo(
        ":rotating_light: *ALARM*: \"prod-teams-auth\" in EU (Ireland)\n"
            + "OK -> ALARM: Threshold Crossed: 1 datapoint [7.0 (27/04/26 10:10:00)] was greater"
            + " than or equal to the threshold (5.0).\n"
            + "Latest matching log event: 2026-04-27 10:14:40.123 UTC `ERROR auth: OBO token"
            + " exchange failed: AADSTS50013`\n"
            + "<http://127.0.0.1:8787/alarms/prod-teams-auth|View alarm in mcpwatch>");
  }

  @Test
  void slack_hostileText_cannotMentionChannelsOrForgeLinks() {
    JsonNode n = Formats.JSON.readTree(ChatMessages.slack(Fixtures.authNotice(
        "<!channel> & <http://evil|x>", List.of(new TriggerLine(Fixtures.T0, "`<!here>`\n"))),
        Fixtures.settings()));
    String text = n.get("text").asString();

    assertThat(text).contains("&lt;!channel&gt; &amp; &lt;http://evil|x&gt;")
        .contains("`'&lt;!here&gt;'\\n`").doesNotContain("<!channel>").doesNotContain("<!here>");
  }

  @Test
  void teams_isAdaptiveCardMessageWithOpenUrlAction() {
    JsonNode n = Formats.JSON.readTree(ChatMessages.teams(
        Fixtures.authNotice("prod-teams-auth", Fixtures.lines()), Fixtures.settings()));

    assertThat(n.get("type").asString()).isEqualTo("message");
    JsonNode a = n.get("attachments").get(0);
    assertThat(a.get("contentType").asString()).isEqualTo("application/vnd.microsoft.card.adaptive");
    JsonNode card = a.get("content");
    assertThat(card.get("type").asString()).isEqualTo("AdaptiveCard");
    assertThat(card.get("body").get(0).get("text").asString())
        .isEqualTo("ALARM: \"prod-teams-auth\" in EU (Ireland)");
    assertThat(card.get("body").get(0).get("color").asString()).isEqualTo("Attention");
    assertThat(card.get("body").get(1).get("text").asString()).startsWith("Threshold Crossed:");
    assertThat(card.get("body").get(2).get("facts").get(0).get("value").asString())
        .isEqualTo("OK -> ALARM");
    assertThat(card.get("actions").get(0).get("url").asString())
        .isEqualTo("http://127.0.0.1:8787/alarms/prod-teams-auth");
  }

  @Test
  void teams_loggedMarkdownLink_isEscapedInEveryTextAndNeverALink() {
    String hostile = "[Re-authenticate here](https://evil.example) **now** _x_";
    JsonNode n = Formats.JSON.readTree(ChatMessages.teams(
        Fixtures.authNotice("[a](https://evil.example/name)",
            List.of(new TriggerLine(Fixtures.T0, hostile))), Fixtures.settings()));
    JsonNode card = n.get("attachments").get(0).get("content");
    String title = card.get("body").get(0).get("text").asString();
    String fact = card.get("body").get(2).get("facts").get(2).get("value").asString();

    assertThat(title).contains("\\[a\\]\\(https://evil.example/name\\)");
    assertThat(fact).endsWith(
        "\\[Re-authenticate here\\]\\(https://evil.example\\) \\*\\*now\\*\\* \\_x\\_");
    for (String text : List.of(title, fact)) { // no unescaped link syntax is left
      assertThat(text).doesNotContainPattern("(^|[^\\\\])\\]\\(");
    }
  }

  @Test
  void markdownEscape_escapesEveryInlineSyntaxCharacterOnly() {
    assertThat(ChatMessages.markdownEscape("prod-teams a.b:c/d 5.0 #1 +2"))
        .isEqualTo("prod-teams a.b:c/d 5.0 #1 +2");
    assertThat(ChatMessages.markdownEscape("\\`*_[]()<>~{}"))
        .isEqualTo("\\\\\\`\\*\\_\\[\\]\\(\\)\\<\\>\\~\\{\\}");
    assertThat(ChatMessages.markdownEscape("  - item")).isEqualTo("  \\- item");
    assertThat(ChatMessages.markdownEscape("# title")).isEqualTo("\\# title");
  }
}
