package io.mcpwatch.server;

/**
 * Sees every answered HTTP request (e.g. to count them by route and status). Called on Jetty's
 * threads after the answer was written; must be cheap and must not throw.
 */
@FunctionalInterface
public interface RequestObserver {
  /**
   * @param method e.g. {@code GET}
   * @param route the matched route as registered (e.g. {@code /alarms/{name}}), never the raw
   *     path, so that its values stay few; {@code unmatched} when no route matched
   * @param status the answer's status code
   */
  void request(String method, String route, int status);
}
