package io.mcpwatch.server.ingest;

import io.mcpwatch.server.web.Escape;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A parsed Content-Type: the lower-case mime type and the charset (UTF-8 unless a {@code charset}
 * parameter names another).
 */
record MediaType(String mime, Charset charset) {
  static MediaType parse(@Nullable String header) throws IngestException {
    if (header == null) {
      return new MediaType("", StandardCharsets.UTF_8);
    }
    String[] parts = header.split(";");
    String mime = parts[0].strip().toLowerCase(Locale.ROOT);
    Charset charset = StandardCharsets.UTF_8;
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].strip();
      int eq = p.indexOf('=');
      if (eq > 0 && p.substring(0, eq).strip().equalsIgnoreCase("charset")) {
        String name = p.substring(eq + 1).strip();
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
          name = name.substring(1, name.length() - 1);
        }
        try {
          charset = Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
          throw new IngestException(
              415,
              "UnsupportedMediaType",
              "Content-Type: unsupported charset " + Escape.quoted(name, 40));
        }
      }
    }
    return new MediaType(mime, charset);
  }
}
