package io.mcpwatch.config;

import io.mcpwatch.config.ServiceSettings.RetrySettings;
import io.mcpwatch.notify.BackoffFunction;
import io.mcpwatch.notify.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Binds {@code notifications.retry: { email?, http? }}: each an SNS {@code healthyRetryPolicy} with
 * SNS's key names ({@code numRetries}, {@code numNoDelayRetries}, {@code numMinDelayRetries},
 * {@code numMaxDelayRetries}, {@code minDelayTarget}, {@code maxDelayTarget} in whole seconds,
 * {@code backoffFunction}). Every key is optional and defaults to SNS's policy of the group (e-mail:
 * the SMTP policy; http: the HTTP/S policy, which also applies to slack and teams).
 *
 * <p>Checks: SNS's bounds (retries 0 to 100, delays 1 to 3600 s; for http, at most 3600 s of
 * retrying in all, as SNS allows), and {@link RetryPolicy}'s invariants, reported at the key that
 * breaks them: {@code numRetries} at least the three phase counts together, {@code minDelayTarget}
 * at most {@code maxDelayTarget}.
 */
final class RetrySection {
  private RetrySection() {}

  static final List<String> BACKOFF = List.of("linear", "arithmetic", "geometric", "exponential");
  static final int MAX_RETRIES = 100;
  static final int MAX_DELAY_SECONDS = 3600;
  static final long MAX_HTTP_RETRY_SECONDS = 3600;

  static RetrySettings bind(@Nullable ConfigNode node, String path, BindContext ctx) {
    RetrySettings d = RetrySettings.defaults();
    if (node == null || Values.isNull(node)) {
      return d;
    }
    MapReader m = MapReader.of(node, path, ctx);
    RetryPolicy email = policy(m.take("email"), m.path("email"), d.email(), false, ctx);
    RetryPolicy http = policy(m.take("http"), m.path("http"), d.http(), true, ctx);
    m.finish();
    return new RetrySettings(email, http);
  }

  /** One key of a policy: the bound value (or the default) and its node when written. */
  private record Field(int value, @Nullable ConfigNode node, boolean ok) {
    String show() {
      return node == null ? value + " (default)" : String.valueOf(value);
    }
  }

  private static RetryPolicy policy(
      @Nullable ConfigNode node, String path, RetryPolicy d, boolean http, BindContext ctx) {
    if (node == null || Values.isNull(node)) {
      return d;
    }
    MapReader m = MapReader.of(node, path, ctx);
    Field retries = integer(m, "numRetries", d.numRetries(), 0, MAX_RETRIES, ctx);
    Field noDelay = integer(m, "numNoDelayRetries", d.numNoDelayRetries(), 0, MAX_RETRIES, ctx);
    Field minCount = integer(m, "numMinDelayRetries", d.numMinDelayRetries(), 0, MAX_RETRIES, ctx);
    Field maxCount = integer(m, "numMaxDelayRetries", d.numMaxDelayRetries(), 0, MAX_RETRIES, ctx);
    Field minDelay = seconds(m, "minDelayTarget", d.minDelay(), ctx);
    Field maxDelay = seconds(m, "maxDelayTarget", d.maxDelay(), ctx);
    BackoffFunction backoff = d.backoff();
    boolean ok = retries.ok() && noDelay.ok() && minCount.ok() && maxCount.ok() && minDelay.ok()
        && maxDelay.ok();
    ConfigNode backoffNode = m.take("backoffFunction");
    if (backoffNode != null) {
      Located<String> b =
          ServiceValues.choice(backoffNode, m.path("backoffFunction"), ctx, BACKOFF);
      ok &= b != null;
      backoff = b == null ? backoff : BackoffFunction.valueOf(b.value().toUpperCase(Locale.ROOT));
    }
    m.finish();
    if (!ok) {
      return d;
    }
    int phases = noDelay.value() + minCount.value() + maxCount.value();
    if (phases > retries.value()) {
      ctx.error(
          m.path("numRetries"),
          retries.node() != null ? retries.node() : node,
          "must be at least numNoDelayRetries + numMinDelayRetries + numMaxDelayRetries = "
              + noDelay.show() + " + " + minCount.show() + " + " + maxCount.show() + " = "
              + phases + ", found " + retries.show());
      return d;
    }
    if (minDelay.value() > maxDelay.value()) {
      if (maxDelay.node() != null) {
        ctx.error(
            m.path("maxDelayTarget"),
            maxDelay.node(),
            "must be at least minDelayTarget (" + minDelay.show() + "), found "
                + maxDelay.value());
      } else {
        ctx.error(
            m.path("minDelayTarget"),
            minDelay.node() != null ? minDelay.node() : node,
            "must be at most maxDelayTarget (" + maxDelay.show() + "; write maxDelayTarget too),"
                + " found " + minDelay.value());
      }
      return d;
    }
    RetryPolicy p = new RetryPolicy(retries.value(), noDelay.value(), minCount.value(),
        maxCount.value(), Duration.ofSeconds(minDelay.value()),
        Duration.ofSeconds(maxDelay.value()), backoff);
    long total = totalSeconds(p);
    if (http && total > MAX_HTTP_RETRY_SECONDS) {
      ctx.error(
          path,
          node,
          String.format(Locale.ROOT,
              "the retries would take %d s in all; SNS allows at most %d s for HTTP/S (lower"
                  + " numRetries or the delays)", total, MAX_HTTP_RETRY_SECONDS));
      return d;
    }
    return p;
  }

  /** The time from the first attempt to the last retry, in whole seconds (rounded up). */
  static long totalSeconds(RetryPolicy p) {
    long millis = 0;
    for (int r = 1; r <= p.numRetries(); r++) {
      millis += p.delayBeforeRetry(r).toMillis();
    }
    return (millis + 999) / 1000;
  }

  private static Field integer(
      MapReader m, String key, int dflt, int min, int max, BindContext ctx) {
    ConfigNode node = m.take(key);
    if (node == null) {
      return new Field(dflt, null, true);
    }
    Located<Integer> n = Values.integer(node, m.path(key), ctx, min, max);
    return n == null ? new Field(dflt, node, false) : new Field(n.value(), node, true);
  }

  private static Field seconds(MapReader m, String key, Duration dflt, BindContext ctx) {
    return integer(m, key, (int) dflt.toSeconds(), 1, MAX_DELAY_SECONDS, ctx);
  }
}
