package io.mcpwatch.notify.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server on 127.0.0.1 that records POSTs and answers with a settable status. */
public final class HookServer implements AutoCloseable {
  /** One received request. */
  public record Received(String method, String path, Map<String, List<String>> headers,
      String body) {
    public String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger status = new AtomicInteger(200);
  private volatile String answer = "ok";

  public HookServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "test-hook-server");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/hook", this::record);
    server.start();
  }

  /** Adds a handler (e.g. the certificate or the confirm endpoint). */
  public void route(String path, HttpHandler handler) {
    server.createContext(path, handler);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public String hookUrl(String suffix) {
    return baseUrl() + "/hook" + suffix;
  }

  public void answer(int code, String body) {
    status.set(code);
    answer = body;
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  private void record(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    received.add(new Received(ex.getRequestMethod(), ex.getRequestURI().toString(),
        Map.copyOf(ex.getRequestHeaders()), body));
    respond(ex, status.get(), answer);
  }

  public static void respond(HttpExchange ex, int code, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(code, b.length == 0 ? -1 : b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
