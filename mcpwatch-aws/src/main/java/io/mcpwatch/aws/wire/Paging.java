package io.mcpwatch.aws.wire;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Pagination over an ordered list: {@code nextToken} is an opaque offset into the list, so a page
 * boundary holds as long as the list does not change between calls (mcpwatch's lists change only
 * on reload, CreateLogGroup or CreateLogStream).
 *
 * @param <T> the item type
 */
public record Paging<T>(List<T> page, @Nullable String nextToken) {
  private static final String PREFIX = "mcpwatch:";

  /**
   * The page starting at {@code token} (null: the first) with at most {@code limit} items.
   *
   * @param invalid the error for a token this method did not make
   */
  public static <T> Paging<T> of(List<T> all, @Nullable String token, int limit, AwsError invalid)
      throws AwsError {
    int from = 0;
    if (token != null) {
      String t;
      try {
        t = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw invalid;
      }
      if (!t.startsWith(PREFIX)) {
        throw invalid;
      }
      try {
        from = Integer.parseInt(t.substring(PREFIX.length()));
      } catch (NumberFormatException e) {
        throw invalid;
      }
      if (from < 0 || from > all.size()) {
        throw invalid;
      }
    }
    int to = (int) Math.min(all.size(), (long) from + limit);
    String next =
        to < all.size()
            ? Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((PREFIX + to).getBytes(StandardCharsets.UTF_8))
            : null;
    return new Paging<>(List.copyOf(all.subList(from, to)), next);
  }
}
