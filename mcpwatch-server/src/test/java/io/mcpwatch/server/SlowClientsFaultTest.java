package io.mcpwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.server.ingest.Admission;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fault: slowloris. 16 clients (the default thread count) send ingest headers and then one body
 * byte per second, reconnecting whenever they are cut off; meanwhile {@code /healthz} and a normal
 * ingest request must still be answered (issue 9 item 6).
 */
@Tag("slow")
class SlowClientsFaultTest {
  static final int SLOW_CLIENTS = 16;

  @Test
  void healthAndIngest_keepAnswering_under16SlowlorisClients() throws Exception {
    ServerSettings s = ServerSettings.defaults().withPort(0);
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger cutOff = new AtomicInteger();
    List<Thread> attackers = new ArrayList<>();
    try (HttpServer server = HttpServer.builder(s).ingest(e -> Admission.accepted()).start()) {
      URI base = server.baseUri();
      for (int i = 0; i < SLOW_CLIENTS; i++) {
        Thread t = new Thread(() -> slowloris(base, running, cutOff), "slowloris-" + i);
        t.setDaemon(true);
        t.start();
        attackers.add(t);
      }
      Thread.sleep(2_000); // every slow client is connected and trickling
      int answered = 0;
      for (int round = 0; round < 3; round++) {
        HttpResponse<String> health = TestHttp.get(base, "/healthz");
        assertThat(health.statusCode()).isEqualTo(200);
        HttpResponse<String> ingest =
            TestHttp.post(base, "/v1/logs?logGroup=/g", "text/plain", "a line\n");
        assertThat(ingest.statusCode()).isEqualTo(200);
        answered += 2;
        Thread.sleep(1_000);
      }
      System.out.printf("slow clients: %d slowloris clients, %d normal requests answered,"
          + " slow requests cut off: %d%n", SLOW_CLIENTS, answered, cutOff.get());
    } finally {
      running.set(false);
      for (Thread t : attackers) {
        t.interrupt();
        t.join(5_000);
      }
    }
  }

  /** Headers, then one body byte per second; reconnects when the server cuts it off. */
  private static void slowloris(URI base, AtomicBoolean running, AtomicInteger cutOff) {
    while (running.get()) {
      try (Socket sock = new Socket(base.getHost(), base.getPort())) {
        sock.setSoTimeout(60_000);
        OutputStream out = sock.getOutputStream();
        out.write(("POST /v1/logs?logGroup=/g HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: text/plain\r\nContent-Length: 100000\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = sock.getInputStream();
        while (running.get()) {
          out.write('a');
          out.flush();
          Thread.sleep(1_000);
          if (in.available() > 0) {
            break; // answered (408 or 400): the server gave up on us
          }
        }
        cutOff.incrementAndGet();
      } catch (IOException e) {
        cutOff.incrementAndGet(); // reset by the server
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
