package io.mcpwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.notify.Links;
import io.mcpwatch.server.console.Console;
import io.mcpwatch.server.console.FakeReadModel;
import io.mcpwatch.server.status.AlarmPages;
import io.mcpwatch.server.subscribe.FakeActions;
import io.mcpwatch.server.subscribe.SubscriptionPages;
import io.mcpwatch.server.web.BearerToken;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The console over real HTTP on a server whose pages require the token (as off loopback, issue 9
 * item 7): every page needs it, as Bearer or Basic; the subscription links and {@code /healthz}
 * do not; {@code GET /} leads to the console; the event stream announces commits.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpServerConsoleTest {
  static final String TOKEN = "a-token-of-enough-length";

  final FakeReadModel model = new FakeReadModel();
  HttpServer server;
  URI base;

  @BeforeAll
  void start() {
    model.alarms.add(
        FakeReadModel.alarm("prod", "teams-prod-errors", AlarmState.ALARM, 3, Instant.now()));
    ServerSettings s =
        ServerSettings.defaults().withPort(0).withToken(BearerToken.of("http.token", TOKEN));
    server =
        HttpServer.builder(s)
            .subscriptions(
                new SubscriptionPages(
                    new FakeActions(), Links.of("http://127.0.0.1:1"), () -> "pem"))
            .alarms(new AlarmPages("/alarms/", (name, json) -> "status text"))
            .console(new Console(model, "/alarms/", InstantSource.system()))
            .pagesRequireToken(true)
            .start();
    base = server.baseUri();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String path, String authorization) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20)).GET();
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return TestHttp.CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void pages_withoutTheToken_areRefusedWithABasicChallenge() throws Exception {
    for (String path :
        new String[] {
          "/", "/alarms/", "/alarms", "/alarms/teams-prod-errors", "/alarms/?format=json",
          "/console/series?alarm=teams-prod-errors", "/console/test-pattern", "/console/events"
        }) {
      HttpResponse<String> r = get(path, null);
      assertThat(r.statusCode()).as(path).isEqualTo(401);
      assertThat(r.headers().firstValue("WWW-Authenticate")).as(path)
          .hasValue("Basic realm=\"mcpwatch\", charset=\"UTF-8\"");
      assertThat(r.body()).doesNotContain("teams-prod-errors");
      assertThat(get(path, basic("x", "wrong-token-of-enough-length")).statusCode()).as(path)
          .isEqualTo(401);
      assertThat(get(path, "Bearer nope").statusCode()).as(path).isEqualTo(401);
    }
  }

  @Test
  void pages_withTheToken_asBasicPasswordOrBearer_areServed() throws Exception {
    HttpResponse<String> overview = get("/alarms/", basic("anyone", TOKEN));
    assertThat(overview.statusCode()).isEqualTo(200);
    assertThat(overview.body()).contains("teams-prod-errors");
    assertThat(overview.headers().firstValue("Content-Security-Policy")).hasValue(Console.CSP);
    assertThat(get("/alarms/teams-prod-errors", "Bearer " + TOKEN).body())
        .contains("class=\"alarm-name\"");
    assertThat(get("/alarms/teams-prod-errors?format=text", "Bearer " + TOKEN).body())
        .contains("status text");
  }

  @Test
  void linksFromEmail_healthAndStaticFiles_needNoToken() throws Exception {
    assertThat(get("/confirmation.html?TopicArn=a&Token=b", null).statusCode()).isNotEqualTo(401);
    assertThat(get("/unsubscribe.html?SubscriptionArn=a", null).statusCode()).isNotEqualTo(401);
    assertThat(get("/?Action=ConfirmSubscription&TopicArn=a&Token=b", null).statusCode())
        .isNotEqualTo(401);
    assertThat(get("/healthz", null).statusCode()).isEqualTo(200);
    HttpResponse<String> js = get("/console/assets/uPlot.iife.min.js", null);
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.headers().firstValue("Content-Type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("text/javascript"));
  }

  @Test
  void root_redirectsToTheConsole() throws Exception {
    HttpResponse<String> r = get("/", "Bearer " + TOKEN);
    // java.net.http does not follow redirects by default
    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.headers().firstValue("Location")).hasValue("/alarms/");
  }

  @Test
  void events_announceANewVersion() throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(base.resolve("/console/events"))
            .header("Accept", "text/event-stream")
            .header("Authorization", "Bearer " + TOKEN)
            .GET()
            .build();
    HttpResponse<InputStream> r =
        TestHttp.CLIENT.send(req, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.statusCode()).isEqualTo(200);
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      model.version.set(42);
      String line;
      boolean commit = false;
      while ((line = in.readLine()) != null) {
        if (line.equals("event: commit")) {
          commit = true;
        } else if (commit && line.startsWith("data:")) {
          if (line.equals("data: 42")) {
            break;
          }
          commit = false;
        }
      }
      assertThat(line).isEqualTo("data: 42");
    }
  }
}
