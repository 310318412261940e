package io.mcpwatch.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Reads small sets of events for test-pattern: lines of text files/stdin, or JSON Lines. */
final class EventInput {
  private EventInput() {}

  static List<String> readLines(List<Path> files) {
    List<String> out = new ArrayList<>();
    if (files.isEmpty()) {
      readLines(System.in, "stdin", out);
    } else {
      for (Path f : files) {
        try (InputStream in = Files.newInputStream(f)) {
          readLines(in, f.toString(), out);
        } catch (IOException e) {
          throw unreadable(f.toString(), e);
        }
      }
    }
    return out;
  }

  private static void readLines(InputStream in, String name, List<String> out) {
    // Invalid UTF-8 becomes U+FFFD, as a log pipeline would show it; never an exception.
    BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                in,
                StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)));
    try {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        out.add(line);
      }
    } catch (IOException e) {
      throw unreadable(name, e);
    }
  }

  static List<String> readJsonLines(Path file) {
    ObjectMapper mapper = JsonMapper.builder().build();
    List<String> out = new ArrayList<>();
    int lineNo = 0;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = mapper.readTree(line);
        } catch (JacksonException e) {
          throw new UserError(
              1, file + ":" + lineNo + ": not valid JSON; expected {\"timestamp\": <epoch ms>, \"message\": \"...\"}");
        }
        JsonNode msg = node.get("message");
        if (msg == null || !msg.isString()) {
          throw new UserError(1, file + ":" + lineNo + ": expected a \"message\" string");
        }
        JsonNode ts = node.get("timestamp");
        if (ts != null && !ts.isNumber()) {
          throw new UserError(1, file + ":" + lineNo + ": \"timestamp\" must be epoch milliseconds (a number)");
        }
        out.add(msg.asString());
      }
    } catch (IOException e) {
      throw unreadable(file.toString(), e);
    }
    return out;
  }

  private static UserError unreadable(String name, IOException e) {
    String why = e instanceof NoSuchFileException ? "no such file" : e.getMessage();
    return new UserError(1, name + ": cannot read: " + why);
  }
}
