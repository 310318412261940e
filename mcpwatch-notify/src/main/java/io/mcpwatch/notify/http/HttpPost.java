package io.mcpwatch.notify.http;

import io.mcpwatch.notify.DeliveryException;
import io.mcpwatch.notify.PermanentDeliveryException;
import io.mcpwatch.notify.TemporaryDeliveryException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One POST, classified the way SNS (spec 4.6) and mcpwatch's dispatcher need:
 *
 * <ul>
 *   <li>2xx: delivered.
 *   <li>No answer within the timeout (default 15 s, as SNS), connection refused, other I/O errors,
 *       5xx and 429: {@link TemporaryDeliveryException} (retried).
 *   <li>Other statuses (1xx, 3xx, 4xx): {@link PermanentDeliveryException}. SNS counts any answer
 *       in 200-4xx as final and does not retry it; mcpwatch does not retry either, but records
 *       the item as failed (a 403/404/410 from a webhook means a broken subscription that the
 *       owner must see). Redirects are not followed. 429 is retried: it asks for a retry.
 * </ul>
 *
 * A URL's user-info ({@code https://user:pass@host/...}) is sent as HTTP Basic authentication,
 * as SNS does. Failure messages name the host only; a URL's path and query may be a secret.
 */
public final class HttpPost {
  /** SNS's delivery timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

  private final Supplier<HttpClient> newClient;
  private final Duration timeout;
  private final String userAgent;
  private volatile @Nullable HttpClient client;

  public HttpPost(HttpClient client, Duration timeout, String userAgent) {
    this(constant(Objects.requireNonNull(client, "client")), timeout, userAgent);
  }

  /** {@code newClient} is called once, by the first {@link #post}. */
  HttpPost(Supplier<HttpClient> newClient, Duration timeout, String userAgent) {
    this.newClient = Objects.requireNonNull(newClient, "newClient");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
  }

  private static Supplier<HttpClient> constant(HttpClient client) {
    return () -> client;
  }

  /**
   * A client that connects within {@code timeout}, never follows redirects and speaks HTTP/1.1 only
   * (as SNS: no {@code Upgrade: h2c} that some receivers and proxies refuse). The JDK client (its
   * classes and its selector thread) is built by the first post, not here: the live service
   * registers this transport at start-up, where building it cost ~5 % of the start with 10,000
   * alarms, and most services never post to a webhook.
   */
  public static HttpPost create(Duration timeout, String userAgent) {
    return new HttpPost(() -> HttpClient.newBuilder().connectTimeout(timeout)
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER).build(), timeout, userAgent);
  }

  private HttpClient client() {
    HttpClient c = client;
    if (c == null) {
      synchronized (this) {
        c = client;
        if (c == null) {
          c = Objects.requireNonNull(newClient.get(), "client");
          client = c;
        }
      }
    }
    return c;
  }

  /** POSTs {@code body} (UTF-8) with the given headers, once. */
  public void post(String url, Map<String, String> headers, String body)
      throws DeliveryException {
    Target t = Target.parse(url);
    HttpRequest.Builder rb = HttpRequest.newBuilder(t.uri).timeout(timeout)
        .header("User-Agent", userAgent)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    try {
      headers.forEach(rb::header);
    } catch (IllegalArgumentException e) {
      throw new PermanentDeliveryException("invalid request header for " + t.host, e);
    }
    if (t.basicAuth != null) {
      rb.header("Authorization", "Basic " + t.basicAuth);
    }
    HttpResponse<InputStream> response;
    try {
      response = client().send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      String limit = timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s"
          : timeout.toMillis() + " ms";
      throw new TemporaryDeliveryException("no answer from " + t.host + " within " + limit, e);
    } catch (ConnectException e) {
      throw new TemporaryDeliveryException("cannot connect to " + t.host, e);
    } catch (IOException e) {
      throw new TemporaryDeliveryException(
          "I/O error talking to " + t.host + ": " + e.getClass().getSimpleName(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TemporaryDeliveryException("interrupted while posting to " + t.host, e);
    }
    int status = response.statusCode();
    String snippet = snippet(response.body());
    if (status >= 200 && status < 300) {
      return;
    }
    String text = "HTTP " + status + " from " + t.host + (snippet.isEmpty() ? "" : ": " + snippet);
    if (status >= 500 || status == 429) {
      throw new TemporaryDeliveryException(text);
    }
    throw new PermanentDeliveryException(text);
  }

  /** The first 200 characters of the answer, on one line (Slack explains errors there). */
  private static String snippet(InputStream in) {
    try (in) {
      byte[] b = in.readNBytes(600);
      String s = new String(b, StandardCharsets.UTF_8);
      StringBuilder out = new StringBuilder();
      s.codePoints().limit(200).forEach(c ->
          out.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
      return out.toString().strip();
    } catch (IOException e) {
      return "";
    }
  }

  /** The URL without user-info, the Basic credentials, and a loggable host. */
  private static final class Target {
    final URI uri;
    final String host;
    final @Nullable String basicAuth;

    private Target(URI uri, String host, @Nullable String basicAuth) {
      this.uri = uri;
      this.host = host;
      this.basicAuth = basicAuth;
    }

    static Target parse(String url) throws PermanentDeliveryException {
      try {
        URI u = new URI(url);
        if (u.getHost() == null || u.getScheme() == null) {
          throw new PermanentDeliveryException("invalid endpoint URL (no host)");
        }
        String host = u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
        if (u.getRawUserInfo() == null) {
          return new Target(u, host, null);
        }
        String info = URLDecoder.decode(u.getRawUserInfo().replace("+", "%2B"),
            StandardCharsets.UTF_8);
        String rest = (u.getRawPath() == null ? "" : u.getRawPath())
            + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        return new Target(new URI(u.getScheme() + "://" + host + rest), host,
            Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)));
      } catch (URISyntaxException | IllegalArgumentException e) {
        throw new PermanentDeliveryException("invalid endpoint URL", e);
      }
    }
  }
}
