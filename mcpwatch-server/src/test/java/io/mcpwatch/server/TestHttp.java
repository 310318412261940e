package io.mcpwatch.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A java.net.http client for tests against 127.0.0.1, plus a raw-socket helper. */
final class TestHttp {
  static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private TestHttp() {}

  static HttpResponse<String> get(URI base, String pathAndQuery) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(base.resolve(pathAndQuery))
            .timeout(Duration.ofSeconds(20))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(
      URI base, String pathAndQuery, String contentType, byte[] body, String... headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(pathAndQuery))
            .timeout(Duration.ofSeconds(20))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(
      URI base, String pathAndQuery, String contentType, String body, String... headers)
      throws Exception {
    return post(base, pathAndQuery, contentType, body.getBytes(StandardCharsets.UTF_8), headers);
  }

  /**
   * Writes {@code head} and then {@code bodyBytes} bytes of {@code 'a'} (in chunked framing when
   * {@code chunked}), never finishing the body, then reads the response until the server closes or
   * 10 s pass. The server must answer without having the whole body.
   */
  static String rawUnfinishedPost(URI base, String head, int bodyBytes, boolean chunked)
      throws IOException {
    try (Socket s = new Socket(base.getHost(), base.getPort())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = new byte[8192];
      java.util.Arrays.fill(chunk, (byte) 'a');
      int sent = 0;
      try {
        while (sent < bodyBytes) {
          int n = Math.min(chunk.length, bodyBytes - sent);
          if (chunked) {
            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
          }
          out.write(chunk, 0, n);
          if (chunked) {
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          }
          sent += n;
        }
        out.flush();
      } catch (IOException closedEarly) {
        // the server may close after answering; the answer is still readable
      }
      InputStream in = s.getInputStream();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      byte[] buf = new byte[4096];
      try {
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
          got.write(buf, 0, n);
          if (got.toString(StandardCharsets.ISO_8859_1).contains("}")) {
            break;
          }
        }
      } catch (IOException e) {
        // reset after the answer
      }
      return got.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
