package io.mcpwatch.server.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Percent-encoding for the console's links. */
final class Urls {
  private Urls() {}

  /** A query parameter value. */
  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** One path segment (spaces as %20, '/' encoded). */
  static String encodePath(String s) {
    return encode(s).replace("+", "%20");
  }
}
