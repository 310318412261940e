package io.mcpwatch.pattern;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;

/**
 * One streaming pass over a log event that reports every node a set of {@link JsonSelector}s
 * selects, with Jackson's streaming parser: subtrees no selector can reach are skipped without
 * building anything, so the cost is one tokenisation of the event.
 *
 * <p>An event is JSON only if it is exactly one JSON object (whitespace around it allowed). A
 * syntax error anywhere, trailing content, or an event beyond the limits ({@value
 * #MAX_EVENT_CHARS} chars, nesting depth {@value #MAX_DEPTH}, numbers of {@value
 * #MAX_NUMBER_CHARS} digits) makes the event "not JSON": {@link #scan} returns false and never
 * throws. A key that occurs twice in one object is reported twice (every occurrence counts).
 */
final class JsonEventScanner {

  /** Longest event parsed as JSON; CloudWatch's own event limit is 1 MiB. */
  static final int MAX_EVENT_CHARS = 4 * 1024 * 1024;

  /** Deepest nesting of objects and arrays accepted (Jackson's default). */
  static final int MAX_DEPTH = 500;

  /** Longest number token accepted (Jackson's default). */
  static final int MAX_NUMBER_CHARS = 1000;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxDocumentLength(MAX_EVENT_CHARS)
                  .maxNestingDepth(MAX_DEPTH)
                  .maxNumberLength(MAX_NUMBER_CHARS)
                  .maxStringLength(MAX_EVENT_CHARS)
                  .maxNameLength(MAX_EVENT_CHARS)
                  .build())
          .build();

  /** Receives the selected nodes. */
  interface Visitor {
    /**
     * Selector {@code selector} selected a node.
     *
     * @param text the string value, or a number's text exactly as in the event; null for other
     *     kinds
     */
    void selected(int selector, JsonNodeKind kind, @Nullable String text);
  }

  private JsonEventScanner() {}

  /**
   * Cheap test before parsing: the first non-blank character is {@code '{'} and the last is
   * {@code '}'}.
   */
  static boolean looksLikeObject(String message) {
    int n = message.length();
    if (n < 2 || n > MAX_EVENT_CHARS) {
      return false;
    }
    int i = 0;
    while (i < n && isBlank(message.charAt(i))) {
      i++;
    }
    int j = n - 1;
    while (j > i && isBlank(message.charAt(j))) {
      j--;
    }
    return j > i && message.charAt(i) == '{' && message.charAt(j) == '}';
  }

  /**
   * Scans {@code message}, reporting what each selector selects to {@code visitor}.
   *
   * @return whether the message is one valid JSON object; when false the visitor may have seen
   *     part of it and its reports must be discarded
   */
  static boolean scan(String message, List<JsonSelector> selectors, Visitor visitor) {
    if (!looksLikeObject(message)) {
      return false;
    }
    int[] all = new int[selectors.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), message)) {
      JsonToken t = p.nextToken();
      if (t != JsonToken.START_OBJECT) {
        return false;
      }
      Walk walk = new Walk(p, selectors, visitor);
      walk.container(t, all, all.length, 0);
      return !walk.truncated && p.nextToken() == null;
    } catch (JacksonException e) {
      return false;
    }
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  }

  /** The recursive walk; the recursion depth is bounded by the longest selector. */
  private static final class Walk {
    private final JsonParser p;
    private final List<JsonSelector> selectors;
    private final Visitor visitor;

    /** Set if a container ended without its closing token (Jackson reports that first). */
    boolean truncated;

    Walk(JsonParser p, List<JsonSelector> selectors, Visitor visitor) {
      this.p = p;
      this.selectors = selectors;
      this.visitor = visitor;
    }

    /**
     * The parser is on a value token {@code t} at {@code depth}; {@code active[0..n)} are the
     * selectors whose first {@code depth} steps led here.
     */
    void value(JsonToken t, int[] active, int n, int depth) {
      boolean deeper = false;
      for (int i = 0; i < n; i++) {
        int s = active[i];
        if (selectors.get(s).steps().size() == depth) {
          report(s, t);
        } else {
          deeper = true;
        }
      }
      if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
        if (deeper) {
          container(t, active, n, depth);
        } else {
          p.skipChildren();
        }
      }
    }

    /** Walks the children of the object or array that starts at {@code t}. */
    void container(JsonToken t, int[] active, int n, int depth) {
      int[] next = new int[n];
      if (t == JsonToken.START_OBJECT) {
        JsonToken k;
        while ((k = p.nextToken()) == JsonToken.PROPERTY_NAME) {
          String name = p.currentName();
          JsonToken v = p.nextToken();
          int m = 0;
          for (int i = 0; i < n; i++) {
            int s = active[i];
            List<JsonSelector.Step> steps = selectors.get(s).steps();
            if (steps.size() > depth && steps.get(depth).selectsMember(name)) {
              next[m++] = s;
            }
          }
          if (m == 0) {
            p.skipChildren();
          } else {
            value(v, next, m, depth + 1);
          }
        }
        truncated |= k != JsonToken.END_OBJECT;
      } else {
        int index = 0;
        JsonToken v;
        while ((v = p.nextToken()) != JsonToken.END_ARRAY && v != null) {
          int m = 0;
          for (int i = 0; i < n; i++) {
            int s = active[i];
            List<JsonSelector.Step> steps = selectors.get(s).steps();
            if (steps.size() > depth && steps.get(depth).selectsElement(index)) {
              next[m++] = s;
            }
          }
          if (m == 0) {
            p.skipChildren();
          } else {
            value(v, next, m, depth + 1);
          }
          index++;
        }
        truncated |= v == null;
      }
    }

    private void report(int selector, JsonToken t) {
      switch (t) {
        case VALUE_STRING:
          visitor.selected(selector, JsonNodeKind.STRING, p.getString());
          break;
        case VALUE_NUMBER_INT:
        case VALUE_NUMBER_FLOAT:
          visitor.selected(selector, JsonNodeKind.NUMBER, p.getString());
          break;
        case VALUE_TRUE:
          visitor.selected(selector, JsonNodeKind.TRUE, null);
          break;
        case VALUE_FALSE:
          visitor.selected(selector, JsonNodeKind.FALSE, null);
          break;
        case VALUE_NULL:
          visitor.selected(selector, JsonNodeKind.NULL, null);
          break;
        case START_OBJECT:
          visitor.selected(selector, JsonNodeKind.OBJECT, null);
          break;
        default:
          visitor.selected(selector, JsonNodeKind.ARRAY, null);
          break;
      }
    }
  }
}
