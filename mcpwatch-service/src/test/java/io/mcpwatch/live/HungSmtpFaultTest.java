package io.mcpwatch.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault: an SMTP server that accepts connections and never answers (issue 9 item 5). Three e-mail
 * confirmations hang on it; the webhook subscriber's confirmation must not wait behind them: it
 * arrives before the SMTP client gives up on any of them (its read timeout).
 */
@Tag("slow")
class HungSmtpFaultTest {
  @TempDir Path dir;

  @Test
  void dispatch_hungSmtpServer_doesNotDelayTheWebhook() throws Exception {
    AtomicInteger smtpOpen = new AtomicInteger();
    AtomicInteger smtpAccepted = new AtomicInteger();
    AtomicInteger smtpGaveUp = new AtomicInteger();
    List<Socket> held = new CopyOnWriteArrayList<>();
    List<Integer> gaveUpWhenWebhookArrived = new CopyOnWriteArrayList<>();
    try (ServerSocket smtp = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      Thread acceptor = new Thread(() -> {
        while (!smtp.isClosed()) {
          try {
            Socket s = smtp.accept(); // never a greeting: the client waits for its read timeout
            smtpAccepted.incrementAndGet();
            smtpOpen.incrementAndGet();
            held.add(s);
            Thread watcher = new Thread(() -> {
              try (InputStream in = s.getInputStream()) {
                while (in.read() >= 0) {
                  // drain until the client gives up
                }
              } catch (IOException ignored) {
                // closed
              } finally {
                smtpOpen.decrementAndGet();
                smtpGaveUp.incrementAndGet();
              }
            });
            watcher.setDaemon(true);
            watcher.start();
          } catch (IOException e) {
            return;
          }
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      hook.createContext("/sns", ex -> {
        ex.getRequestBody().readAllBytes();
        gaveUpWhenWebhookArrived.add(smtpGaveUp.get());
        ex.sendResponseHeaders(200, -1);
        ex.close();
      });
      hook.start();
      String yaml = ServiceFixture.YAML.replace("      - email: owners@example.com\n",
              "      - email: a@example.com\n      - email: b@example.com\n"
                  + "      - email: c@example.com\n"
                  + "      - http: http://127.0.0.1:" + hook.getAddress().getPort() + "/sns\n")
          + "http:\n  enabled: false\n"
          + "smtp:\n  host: 127.0.0.1\n  port: " + smtp.getLocalPort() + "\n  security: none\n";
      try (ServiceFixture f = new ServiceFixture(dir, yaml, InstantSource.system())) {
        f.start();
        await().atMost(Duration.ofSeconds(120)).until(() -> !gaveUpWhenWebhookArrived.isEmpty());
        System.out.printf("hung SMTP: %d SMTP connections accepted, %d of them given up (read"
            + " timeout) before the webhook arrived%n", smtpAccepted.get(),
            gaveUpWhenWebhookArrived.get(0));
        // the webhook did not wait for any e-mail's 30 s read timeout
        assertThat(gaveUpWhenWebhookArrived.get(0)).isZero();
      } finally {
        hook.stop(0);
        for (Socket s : held) {
          s.close();
        }
      }
    }
  }
}
