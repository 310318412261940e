package io.mcpwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.server.ingest.Admission;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpServerStopTest {
  /** Own threads: blocked tasks on the common pool (one thread on two CPUs) starve others. */
  private final ExecutorService pool =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "test-worker");
            t.setDaemon(true);
            return t;
          });

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  @Test
  void close_letsRequestInFlightFinish() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    HttpServer server =
        HttpServer.builder(ServerSettings.defaults().withPort(0))
            .ingest(
                events -> {
                  entered.countDown();
                  try {
                    release.await(20, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return Admission.accepted();
                })
            .start();
    URI base = server.baseUri();
    CompletableFuture<HttpResponse<String>> inFlight =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return TestHttp.post(base, "/v1/logs?logGroup=/g", "text/plain", "x\n");
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            }, pool);
    assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close, pool);
    Thread.sleep(300);
    release.countDown();
    closing.get(20, TimeUnit.SECONDS);
    assertThat(inFlight.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
  }

  @Test
  void close_isBoundedByStopTimeout() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    ServerSettings s =
        new ServerSettings(
            "127.0.0.1",
            0,
            null,
            io.mcpwatch.server.ingest.IngestLimits.defaults(),
            java.time.Duration.ofMillis(500),
            8);
    HttpServer server =
        HttpServer.builder(s)
            .ingest(
                events -> {
                  entered.countDown();
                  try {
                    never.await(60, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return Admission.accepted();
                })
            .start();
    URI base = server.baseUri();
    CompletableFuture<Integer> inFlight =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return TestHttp.post(base, "/v1/logs?logGroup=/g", "text/plain", "x\n")
                    .statusCode();
              } catch (Exception e) {
                return -1;
              }
            }, pool);
    assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();
    // close returns long before the handler's 60 s wait would end
    CompletableFuture.runAsync(server::close, pool).get(30, TimeUnit.SECONDS);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestHttp.get(base, "/healthz"))
        .isInstanceOf(java.net.ConnectException.class);
    never.countDown();
    assertThat(inFlight.get(30, TimeUnit.SECONDS)).isIn(-1, 200, 500, 503);
  }
}
