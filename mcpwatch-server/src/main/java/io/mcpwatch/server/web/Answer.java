package io.mcpwatch.server.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a handler answers: status, content type, body and extra headers. Plain data, so handlers are
 * testable without a server. Every body mcpwatch serves is text; it is sent as UTF-8.
 *
 * @param status the HTTP status code (100-599)
 * @param contentType the Content-Type header, e.g. {@code application/json}
 * @param body the body text
 * @param headers extra response headers, in order (copied)
 */
public record Answer(int status, String contentType, String body, Map<String, String> headers) {
  public static final String JSON = "application/json";
  public static final String HTML = "text/html; charset=utf-8";
  public static final String XML = "text/xml; charset=utf-8";
  public static final String TEXT = "text/plain; charset=utf-8";

  public Answer {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status: expected 100-599; found " + status);
    }
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /** An answer without extra headers. */
  public static Answer of(int status, String contentType, String body) {
    return new Answer(status, contentType, body, Map.of());
  }

  /** This answer with one more header (replacing one of the same name). */
  public Answer withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new Answer(status, contentType, body, h);
  }

  @Override
  public String toString() {
    return "Answer[" + status + " " + contentType + " " + body.length() + " chars]";
  }
}
