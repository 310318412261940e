package io.mcpwatch.aws.wire;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the AWS layers answer: status, content type, headers (always {@code x-amzn-RequestId}) and
 * body bytes (JSON, CBOR or XML).
 */
public record AwsResponse(int status, String contentType, Map<String, String> headers, byte[] body) {
  public AwsResponse {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /** The body as UTF-8 text (JSON and XML answers; tests and logs). */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "AwsResponse[" + status + " " + contentType + " " + body.length + " bytes]";
  }
}
