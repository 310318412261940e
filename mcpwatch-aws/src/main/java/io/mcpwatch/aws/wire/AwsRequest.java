package io.mcpwatch.aws.wire;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP request as the AWS layers see it, transport-free.
 *
 * @param method the HTTP method, upper case
 * @param rawPath the path as sent (still percent-encoded), e.g. {@code /}
 * @param rawQuery the query string as sent, without {@code ?} ({@code ""} when none)
 * @param headers header values by lower-case name, in arrival order (copied)
 * @param body the decoded body (gzip already undone)
 */
public record AwsRequest(
    String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
  public AwsRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(rawPath, "rawPath");
    Objects.requireNonNull(rawQuery, "rawQuery");
    Objects.requireNonNull(body, "body");
    Map<String, List<String>> h = new TreeMap<>();
    headers.forEach(
        (k, v) ->
            h.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).addAll(v));
    h.replaceAll((k, v) -> List.copyOf(v));
    headers = Collections.unmodifiableMap(h);
  }

  /** The first value of a header (any case), or null. */
  public @Nullable String header(String name) {
    List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? null : v.get(0);
  }
}
