package io.mcpwatch.server.status;

import io.mcpwatch.server.web.Answer;
import io.mcpwatch.server.web.Escape;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-only alarm pages: {@code GET <path>} lists every alarm, {@code GET <path><name>} shows
 * one; {@code ?format=json} answers the JSON of {@code mcpwatch status --format json}. Plain data
 * in, {@link Answer} out, so it is testable without a server.
 */
public final class AlarmPages {
  private static final Logger log = LoggerFactory.getLogger(AlarmPages.class);

  private final String path;
  private final AlarmStatus status;

  /**
   * @param path where the pages live, e.g. {@code /alarms/} (must start and end with {@code /})
   * @param status renders the state
   */
  public AlarmPages(String path, AlarmStatus status) {
    if (!path.startsWith("/") || !path.endsWith("/")) {
      throw new IllegalArgumentException(
          "alarm page path: expected a path starting and ending with '/', e.g. /alarms/; found "
              + path);
    }
    this.path = path;
    this.status = Objects.requireNonNull(status, "status");
  }

  /** The path prefix, e.g. {@code /alarms/}. */
  public String path() {
    return path;
  }

  /**
   * Answers a request.
   *
   * @param alarmName the decoded name after the path, or null/empty for the list
   * @param format the {@code format} query parameter, or null
   */
  public Answer answer(@Nullable String alarmName, @Nullable String format) {
    boolean json = "json".equals(format);
    if (format != null && !json && !"text".equals(format)) {
      return Answer.of(400, Answer.TEXT, "format: expected text or json; found " + format + "\n");
    }
    String name = alarmName == null || alarmName.isEmpty() ? null : alarmName;
    String body;
    try {
      body = status.render(name, json);
    } catch (RuntimeException e) {
      log.warn("alarm page {}: reading the state failed: {}", name, e.toString());
      return Answer.of(503, Answer.TEXT, "the alarm state cannot be read right now\n");
    }
    if (body == null) {
      return Answer.of(404, Answer.TEXT, "no alarm named " + Escape.quoted(name, 256) + "\n");
    }
    if (json) {
      return Answer.of(200, Answer.JSON, body);
    }
    String title = name == null ? "mcpwatch alarms" : name;
    String html =
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + "<meta http-equiv=\"refresh\" content=\"10\"><title>"
            + Escape.html(title)
            + "</title><style>body{font-family:sans-serif;margin:2em}"
            + "pre{font-size:14px}</style></head>\n<body>\n<h1>"
            + Escape.html(title)
            + "</h1>\n<p><a href=\""
            + Escape.html(path)
            + "\">all alarms</a> · <a href=\"?format=json\">JSON</a></p>\n<pre>"
            + Escape.html(body)
            + "</pre>\n</body></html>\n";
    return Answer.of(200, Answer.HTML, html)
        .withHeader("X-Content-Type-Options", "nosniff")
        .withHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
  }
}
