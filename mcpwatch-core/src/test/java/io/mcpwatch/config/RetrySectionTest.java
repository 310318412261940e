package io.mcpwatch.config;

import static io.mcpwatch.config.ServiceConfig.bind;
import static io.mcpwatch.config.ServiceConfig.errors;
import static io.mcpwatch.config.ServiceConfig.messages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.mcpwatch.config.ServiceSettings.RetrySettings;
import io.mcpwatch.notify.BackoffFunction;
import io.mcpwatch.notify.Protocol;
import io.mcpwatch.notify.RetryPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code notifications.retry}: SNS delivery policies per protocol group. */
class RetrySectionTest {

  private static RetrySettings retry(BindResult r) {
    return r.config().service().notifications().retry();
  }

  @Test
  void retry_everyKeyWritten_bound() {
    BindResult r =
        bind(
            "  notifications: { retry: {",
            "    email: { numRetries: 12, numNoDelayRetries: 1, numMinDelayRetries: 3,"
                + " numMaxDelayRetries: 4, minDelayTarget: 2, maxDelayTarget: 90,"
                + " backoffFunction: 'geometric' },",
            "    http: { numRetries: 5, numNoDelayRetries: 0, numMinDelayRetries: 0,"
                + " numMaxDelayRetries: 0, minDelayTarget: 1, maxDelayTarget: 30,"
                + " backoffFunction: 'arithmetic' } } },");

    assertThat(r.errors()).isEmpty();
    assertThat(retry(r))
        .isEqualTo(
            new RetrySettings(
                new RetryPolicy(12, 1, 3, 4, Duration.ofSeconds(2), Duration.ofSeconds(90),
                    BackoffFunction.GEOMETRIC),
                new RetryPolicy(5, 0, 0, 0, Duration.ofSeconds(1), Duration.ofSeconds(30),
                    BackoffFunction.ARITHMETIC)));
  }

  @Test
  void retry_snsExamplesOfTheTask_areSnsDefaults() {
    BindResult r =
        bind(
            "  notifications: { retry: {",
            "    email: { numRetries: 50, numNoDelayRetries: 0, numMinDelayRetries: 2,"
                + " numMaxDelayRetries: 38, minDelayTarget: 10, maxDelayTarget: 600,"
                + " backoffFunction: 'exponential' },",
            "    http: { numRetries: 3, minDelayTarget: 20, maxDelayTarget: 20,"
                + " backoffFunction: 'linear' } } },");

    assertThat(r.errors()).isEmpty();
    assertThat(retry(r).email()).isEqualTo(RetryPolicy.EMAIL_DEFAULT);
    assertThat(retry(r).http()).isEqualTo(RetryPolicy.HTTP_DEFAULT);
  }

  @Test
  void retry_absentOrEmpty_isSnsPolicies() {
    assertThat(retry(bind(""))).isEqualTo(RetrySettings.defaults());
    assertThat(retry(bind("  notifications: { retry: { } },"))).isEqualTo(RetrySettings.defaults());
    assertThat(retry(bind("  notifications: { retry: null },")))
        .isEqualTo(RetrySettings.defaults());
    assertThat(retry(bind("  notifications: { retry: { email: { }, http: null } },")))
        .isEqualTo(RetrySettings.defaults());
    assertThat(RetrySettings.defaults().email()).isEqualTo(RetryPolicy.EMAIL_DEFAULT);
    assertThat(RetrySettings.defaults().http()).isEqualTo(RetryPolicy.HTTP_DEFAULT);
  }

  @Test
  void retry_missingKeys_takeTheGroupsSnsDefault() {
    BindResult r =
        bind(
            "  notifications: { retry: { email: { minDelayTarget: 1, maxDelayTarget: 5 },",
            "    http: { numRetries: 10, backoffFunction: 'exponential' } } },");

    assertThat(r.errors()).isEmpty();
    assertThat(retry(r).email())
        .isEqualTo(new RetryPolicy(50, 0, 2, 38, Duration.ofSeconds(1), Duration.ofSeconds(5),
            BackoffFunction.EXPONENTIAL));
    assertThat(retry(r).http())
        .isEqualTo(new RetryPolicy(10, 0, 0, 0, Duration.ofSeconds(20), Duration.ofSeconds(20),
            BackoffFunction.EXPONENTIAL));
  }

  @Test
  void forProtocol_emailGroupAndHttpGroup_asSnsSplitsThem() {
    RetryPolicy email = new RetryPolicy(1, 0, 1, 0, Duration.ofSeconds(1), Duration.ofSeconds(1),
        BackoffFunction.LINEAR);
    RetryPolicy http = new RetryPolicy(2, 0, 0, 0, Duration.ofSeconds(2), Duration.ofSeconds(2),
        BackoffFunction.LINEAR);
    RetrySettings s = new RetrySettings(email, http);

    for (Protocol p : Protocol.values()) {
      assertThat(s.forProtocol(p)).as(p.id()).isEqualTo(p.isEmail() ? email : http);
      assertThat(RetrySettings.defaults().forProtocol(p)).as(p.id())
          .isEqualTo(RetryPolicy.defaultFor(p));
    }
    assertThat(s.forProtocol(Protocol.EMAIL_JSON)).isSameAs(email);
    assertThat(s.forProtocol(Protocol.SLACK)).isSameAs(http);
    assertThat(s.forProtocol(Protocol.TEAMS)).isSameAs(http);
    assertThat(s.forProtocol(Protocol.HTTPS)).isSameAs(http);
  }

  @Test
  void retry_badValues_allReportedWithKeyAndPosition() {
    BindResult r =
        bind(
            "  notifications: { retry: {",
            "    email: { numRetries: 101, numNoDelayRetries: -1, numMinDelayRetries: 'two',",
            "      numMaxDelayRetries: 1.5, minDelayTarget: 0, maxDelayTarget: 3601,",
            "      backoffFunction: 'Linear', numRetires: 3 },",
            "    http: { backoffFunction: 'quadratic', maxDelayTarget: null } } },");

    assertThat(errors(r))
        .containsExactly(
            "8:26 notifications.retry.email.numRetries: must be from 0 to 100, found 101",
            "8:50 notifications.retry.email.numNoDelayRetries: must be from 0 to 100, found -1",
            "8:74 notifications.retry.email.numMinDelayRetries: expected a whole number, found"
                + " \"two\"",
            "9:27 notifications.retry.email.numMaxDelayRetries: expected a whole number, found 1.5",
            "9:48 notifications.retry.email.minDelayTarget: must be from 1 to 3600, found 0",
            "9:67 notifications.retry.email.maxDelayTarget: must be from 1 to 3600, found 3601",
            "10:24 notifications.retry.email.backoffFunction: expected one of linear, arithmetic,"
                + " geometric, exponential; found \"Linear\" (did you mean linear?)",
            "10:34 notifications.retry.email.numRetires: unknown key (did you mean numRetries?)",
            "11:30 notifications.retry.http.backoffFunction: expected one of linear, arithmetic,"
                + " geometric, exponential; found \"quadratic\"",
            "11:59 notifications.retry.http.maxDelayTarget: expected a whole number, found nothing"
                + " (null)");
    assertThat(retry(r)).isEqualTo(RetrySettings.defaults());
  }

  @Test
  void retry_unknownGroupsAndNonMaps_areReported() {
    BindResult r =
        bind("  notifications: { retry: { https: { numRetries: 1 }, sms: { }, email: 'fast' } },");
    BindResult notMap = bind("  notifications: { retry: 5 },");

    assertThat(messages(r))
        .containsExactly(
            "notifications.retry.https: unknown key (did you mean http?)",
            "notifications.retry.sms: unknown key (expected one of: email, http)",
            "notifications.retry.email: expected a map, found \"fast\"");
    assertThat(messages(notMap)).containsExactly("notifications.retry: expected a map, found 5");
    assertThat(retry(notMap)).isEqualTo(RetrySettings.defaults());
  }

  @Test
  void retry_fewerRetriesThanPhases_isAnErrorAtNumRetries() {
    BindResult written =
        bind("  notifications: { retry: { email: { numRetries: 10, numNoDelayRetries: 3 } } },");
    BindResult defaulted =
        bind("  notifications: { retry: { http: { numMinDelayRetries: 5 } } },");

    assertThat(errors(written))
        .containsExactly(
            "7:50 notifications.retry.email.numRetries: must be at least numNoDelayRetries +"
                + " numMinDelayRetries + numMaxDelayRetries = 3 + 2 (default) + 38 (default) = 43,"
                + " found 10");
    assertThat(errors(defaulted))
        .containsExactly(
            "7:35 notifications.retry.http.numRetries: must be at least numNoDelayRetries +"
                + " numMinDelayRetries + numMaxDelayRetries = 0 (default) + 5 + 0 (default) = 5,"
                + " found 3 (default)");
    assertThat(retry(written)).isEqualTo(RetrySettings.defaults());
  }

  @Test
  void retry_minDelayAboveMaxDelay_isAnErrorAtTheWrittenKey() {
    BindResult both =
        bind("  notifications: { retry: { http: { minDelayTarget: 30, maxDelayTarget: 10 } } },");
    BindResult minOnly = bind("  notifications: { retry: { http: { minDelayTarget: 30 } } },");
    BindResult maxOnly = bind("  notifications: { retry: { email: { maxDelayTarget: 5 } } },");

    assertThat(messages(both))
        .containsExactly(
            "notifications.retry.http.maxDelayTarget: must be at least minDelayTarget (30), found"
                + " 10");
    assertThat(messages(minOnly))
        .containsExactly(
            "notifications.retry.http.minDelayTarget: must be at most maxDelayTarget (20 (default);"
                + " write maxDelayTarget too), found 30");
    assertThat(messages(maxOnly))
        .containsExactly(
            "notifications.retry.email.maxDelayTarget: must be at least minDelayTarget (10"
                + " (default)), found 5");
  }

  @Test
  void retry_httpRetryingLongerThanAnHour_isAnError() {
    BindResult r =
        bind(
            "  notifications: { retry: { http: { numRetries: 100, minDelayTarget: 60,"
                + " maxDelayTarget: 60 },",
            "    email: { numRetries: 100, numMaxDelayRetries: 90, maxDelayTarget: 3600 } } },");

    // E-mail keeps SNS's SMTP policy's scale (hours); only HTTP/S is bounded by SNS.
    assertThat(messages(r))
        .containsExactly(
            "notifications.retry.http: the retries would take 6000 s in all; SNS allows at most"
                + " 3600 s for HTTP/S (lower numRetries or the delays)");
    assertThat(retry(r).http()).isEqualTo(RetryPolicy.HTTP_DEFAULT);
    assertThat(retry(r).email().numRetries()).isEqualTo(100);
    assertThat(RetrySection.totalSeconds(RetryPolicy.HTTP_DEFAULT)).isEqualTo(60);
  }

  @Test
  void retry_anyNumbers_boundOrReportedNeverThrown() {
    qt().withExamples(300)
        .forAll(
            integers().between(-2, 110),
            integers().between(-1, 60),
            integers().between(-1, 3700),
            integers().between(-1, 3700))
        .checkAssert(
            (retries, atMin, min, max) -> {
              BindResult r =
                  bind(
                      "  notifications: { retry: { http: { numRetries: " + retries
                          + ", numMinDelayRetries: " + atMin + ", minDelayTarget: " + min
                          + ", maxDelayTarget: " + max + ", backoffFunction: 'linear' } } },");
              boolean inBounds = retries >= 0 && retries <= 100 && atMin >= 0 && min >= 1
                  && min <= 3600 && max >= 1 && max <= 3600;
              boolean valid = inBounds && atMin <= retries && min <= max
                  && total(retries, atMin, min, max) <= 3600;
              if (valid) {
                assertThat(r.errors()).isEmpty();
                assertThat(retry(r).http())
                    .isEqualTo(new RetryPolicy(retries, 0, atMin, 0, Duration.ofSeconds(min),
                        Duration.ofSeconds(max), BackoffFunction.LINEAR));
              } else {
                assertThat(r.errors()).isNotEmpty()
                    .allMatch(e -> e.path().startsWith("notifications.retry.http") && e.line() == 7);
                assertThat(retry(r).http()).isEqualTo(RetryPolicy.HTTP_DEFAULT);
              }
            });
  }

  /** Seconds from the first attempt to the last retry, added up from the policy's delays. */
  private static long total(int retries, int atMin, int min, int max) {
    RetryPolicy p = new RetryPolicy(retries, 0, atMin, 0, Duration.ofSeconds(min),
        Duration.ofSeconds(max), BackoffFunction.LINEAR);
    long ms = 0;
    for (int i = 1; i <= retries; i++) {
      ms += p.delayBeforeRetry(i).toMillis();
    }
    return (ms + 999) / 1000;
  }
}
