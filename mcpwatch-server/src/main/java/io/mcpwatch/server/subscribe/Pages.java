package io.mcpwatch.server.subscribe;

import static io.mcpwatch.server.web.Escape.html;
import static io.mcpwatch.server.web.Escape.xml;

import io.mcpwatch.server.web.Answer;
import java.util.UUID;

/** The HTML pages and SNS XML documents; every argument named {@code text} is escaped here. */
final class Pages {
  static final String SNS_XMLNS = "http://sns.amazonaws.com/doc/2010-03-31/";

  private Pages() {}

  /** A page with a heading and paragraphs that are already HTML (built with {@link #p}). */
  static Answer page(int status, String titleText, String... paragraphsHtml) {
    StringBuilder b =
        new StringBuilder(1024)
            .append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .append("<title>")
            .append(html(titleText))
            .append("</title>")
            .append(
                "<style>body{font-family:sans-serif;max-width:42em;margin:3em auto;padding:0 1em;")
            .append("color:#222}code{word-break:break-all}</style></head>\n<body>\n<h1>")
            .append(html(titleText))
            .append("</h1>\n");
    for (String p : paragraphsHtml) {
      b.append(p).append('\n');
    }
    b.append("</body></html>\n");
    return secured(Answer.of(status, Answer.HTML, b.toString()));
  }

  /** A paragraph of escaped text. */
  static String p(String text) {
    return "<p>" + html(text) + "</p>";
  }

  /** A paragraph: escaped text, then an escaped value in {@code <code>}. */
  static String p(String text, String codeText) {
    return "<p>" + html(text) + "<br><code>" + html(codeText) + "</code></p>";
  }

  /** A paragraph: escaped text before and after a link. */
  static String link(String before, String href, String label, String after) {
    return "<p>"
        + html(before)
        + "<a href=\""
        + html(href)
        + "\">"
        + html(label)
        + "</a>"
        + html(after)
        + "</p>";
  }

  /** An SNS query-API success document {@code <op>Response} with an optional result element. */
  static Answer snsResult(String op, String resultXml) {
    String body =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<"
            + op
            + "Response xmlns=\""
            + SNS_XMLNS
            + "\">\n"
            + resultXml
            + "  <ResponseMetadata>\n    <RequestId>"
            + UUID.randomUUID()
            + "</RequestId>\n  </ResponseMetadata>\n</"
            + op
            + "Response>\n";
    return secured(Answer.of(200, Answer.XML, body));
  }

  /** SNS's query-API error document. */
  static Answer snsError(int status, String code, String messageText) {
    String body =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ErrorResponse xmlns=\""
            + SNS_XMLNS
            + "\">\n  <Error>\n    <Type>Sender</Type>\n    <Code>"
            + xml(code)
            + "</Code>\n    <Message>"
            + xml(messageText)
            + "</Message>\n  </Error>\n  <RequestId>"
            + UUID.randomUUID()
            + "</RequestId>\n</ErrorResponse>\n";
    return secured(Answer.of(status, Answer.XML, body));
  }

  /**
   * No caching (the URLs carry tokens), no referrer (so the token does not leak to a linked site),
   * no scripts, no framing, no sniffing.
   */
  static Answer secured(Answer a) {
    return a.withHeader("Cache-Control", "no-store")
        .withHeader("Referrer-Policy", "no-referrer")
        .withHeader("X-Content-Type-Options", "nosniff")
        .withHeader("X-Frame-Options", "DENY")
        .withHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
  }
}
