package io.mcpwatch.source.tail;

import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How logrotate names the generations of a live file {@code app.log}: {@code app.log.1} (a counter:
 * the lower, the newer), {@code app.log-20261206} or {@code app.log-20261206-1733456789} (a date or
 * time: the greater, the newer), each maybe with a compression extension ({@code .gz}). Only names
 * of this shape are taken for generations; anything else next to the live file is not.
 *
 * @param counter the rotation counter (newest = 1), or -1 for a dated name
 * @param dated the date/time suffix of a dated name (empty for a counter)
 * @param compressed true if the name ends with a compression extension
 */
record RotatedName(long counter, String dated, boolean compressed) {
  private static final Set<String> COMPRESSED =
      Set.of(".gz", ".bz2", ".xz", ".zst", ".lz4", ".lzma", ".z", ".zip", ".lzo", ".br");
  private static final int MAX_COUNTER_DIGITS = 5;

  /**
   * The generation {@code name} is of the live file named {@code live}, or null if the name is not
   * {@code live} followed by {@code .}, {@code -} or {@code _} and a counter or a date.
   */
  static @Nullable RotatedName of(String live, String name) {
    if (name.length() < live.length() + 2 || !name.startsWith(live)) {
      return null;
    }
    char sep = name.charAt(live.length());
    if (sep != '.' && sep != '-' && sep != '_') {
      return null;
    }
    String suffix = name.substring(live.length() + 1);
    boolean compressed = false;
    int dot = suffix.lastIndexOf('.');
    if (dot > 0 && COMPRESSED.contains(suffix.substring(dot).toLowerCase(Locale.ROOT))) {
      compressed = true;
      suffix = suffix.substring(0, dot);
    }
    if (suffix.isEmpty()) {
      return null;
    }
    boolean allDigits = suffix.chars().allMatch(c -> c >= '0' && c <= '9');
    if (allDigits && suffix.length() <= MAX_COUNTER_DIGITS) {
      return new RotatedName(Long.parseLong(suffix), "", compressed);
    }
    // a date or time: digits, maybe with separators, never letters (app.log.bak is no generation)
    boolean dateLike =
        suffix.chars().anyMatch(c -> c >= '0' && c <= '9')
            && suffix.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '-' || c == '_'
                || c == '.' || c == 'T' || c == ':');
    return dateLike ? new RotatedName(-1, suffix, compressed) : null;
  }

  /**
   * Positive if this generation is newer than {@code other}, negative if older, 0 if the names do
   * not tell (a counter against a date, dates of different shapes, or the same name).
   */
  int newerThan(RotatedName other) {
    if (counter >= 0 && other.counter >= 0) {
      return Long.compare(other.counter, counter);
    }
    if (counter < 0 && other.counter < 0 && dated.length() == other.dated.length()) {
      return Integer.signum(dated.compareTo(other.dated));
    }
    return 0;
  }
}
