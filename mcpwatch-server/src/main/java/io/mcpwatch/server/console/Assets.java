package io.mcpwatch.server.console;

import io.mcpwatch.server.web.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The console's static files, read once from the jar: its own script and stylesheet, and uPlot's
 * (from the {@code org.webjars.npm:uplot} webjar; no CDN). Only the names listed here are served.
 */
final class Assets {
  private static final String UPLOT = "/META-INF/resources/webjars/uplot/1.6.30/dist/";
  private static final Map<String, String[]> FILES =
      Map.of(
          "console.js", new String[] {"/io/mcpwatch/server/console/console.js", "text/javascript; charset=utf-8"},
          "console.css", new String[] {"/io/mcpwatch/server/console/console.css", "text/css; charset=utf-8"},
          "uPlot.iife.min.js", new String[] {UPLOT + "uPlot.iife.min.js", "text/javascript; charset=utf-8"},
          "uPlot.min.css", new String[] {UPLOT + "uPlot.min.css", "text/css; charset=utf-8"});

  private final Map<String, String> loaded = new ConcurrentHashMap<>();

  Answer answer(String name) {
    String[] f = FILES.get(name);
    if (f == null) {
      return Answer.of(404, Answer.TEXT, "not found\n").withHeader("X-Content-Type-Options", "nosniff");
    }
    String body = loaded.computeIfAbsent(name, n -> read(f[0]));
    return Answer.of(200, f[1], body)
        .withHeader("X-Content-Type-Options", "nosniff")
        .withHeader("Cache-Control", "max-age=3600");
  }

  private static String read(String resource) {
    try (@Nullable InputStream in = Assets.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the console's file " + resource + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
