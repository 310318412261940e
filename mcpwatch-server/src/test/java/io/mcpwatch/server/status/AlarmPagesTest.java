package io.mcpwatch.server.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpwatch.server.web.Answer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlarmPagesTest {
  private final List<String> asked = new ArrayList<>();
  private final AlarmPages pages =
      new AlarmPages(
          "/alarms/",
          (name, json) -> {
            asked.add(name + (json ? " json" : " text"));
            if (name != null && !name.equals("teams-prod-errors")) {
              return null;
            }
            return json ? "{\"alarms\":[]}" : "teams-prod-errors ALARM <b>&\n";
          });

  @Test
  void answer_oneAlarm_isAnEscapedHtmlPage() {
    Answer a = pages.answer("teams-prod-errors", null);
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.contentType()).isEqualTo(Answer.HTML);
    assertThat(a.body()).contains("<pre>teams-prod-errors ALARM &lt;b&gt;&amp;\n</pre>");
    assertThat(a.body()).doesNotContain("<b>&");
    assertThat(a.headers()).containsKey("Content-Security-Policy");
    assertThat(asked).containsExactly("teams-prod-errors text");
  }

  @Test
  void answer_list_asksForEveryAlarm() {
    assertThat(pages.answer(null, null).status()).isEqualTo(200);
    assertThat(pages.answer("", "text").status()).isEqualTo(200);
    assertThat(asked).containsExactly("null text", "null text");
  }

  @Test
  void answer_json_isTheStatusDocument() {
    Answer a = pages.answer("teams-prod-errors", "json");
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.contentType()).isEqualTo(Answer.JSON);
    assertThat(a.body()).isEqualTo("{\"alarms\":[]}");
  }

  @Test
  void answer_unknownAlarm_is404NamingIt() {
    Answer a = pages.answer("nope\r\nX-Evil: 1", null);
    assertThat(a.status()).isEqualTo(404);
    assertThat(a.body()).isEqualTo("no alarm named \"nope??X-Evil: 1\"\n");
  }

  @Test
  void answer_badFormat_is400() {
    Answer a = pages.answer("teams-prod-errors", "xml");
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.body()).contains("format: expected text or json; found xml");
    assertThat(asked).isEmpty();
  }

  @Test
  void answer_statusFails_is503WithoutDetails() {
    AlarmPages failing =
        new AlarmPages(
            "/alarms/",
            (name, json) -> {
              throw new IllegalStateException("database is locked at /secret/path");
            });
    Answer a = failing.answer(null, null);
    assertThat(a.status()).isEqualTo(503);
    assertThat(a.body()).doesNotContain("secret");
  }

  @Test
  void constructor_pathWithoutSlashes_isRejectedNamingTheExpectedForm() {
    assertThatThrownBy(() -> new AlarmPages("alarms", (n, j) -> ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected a path starting and ending with '/'");
  }
}
