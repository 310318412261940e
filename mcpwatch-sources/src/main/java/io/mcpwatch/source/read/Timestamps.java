package io.mcpwatch.source.read;

/**
 * Allocation-free parsing of ISO-8601 / RFC 3339 date-times and epoch numbers from UTF-8 bytes.
 * Every method returns {@link #NONE} instead of throwing.
 */
final class Timestamps {
  /** "No timestamp here". */
  static final long NONE = Long.MIN_VALUE;

  private static final long MILLIS_PER_DAY = 86_400_000L;

  private Timestamps() {}

  /**
   * Parses {@code yyyy-MM-dd(T|t| )HH:mm[:ss[(.|,)fraction]][Z|z|[ ](+|-)HH[[:]mm]]} starting at
   * {@code b[i]}; a missing offset means UTC; fraction digits beyond milliseconds are ignored.
   *
   * @param whole true: the date-time must end exactly at {@code end}; false: it must be followed by
   *     {@code end} or a byte that is not a letter or digit
   */
  static long parseDateTime(byte[] b, int i, int end, boolean whole) {
    if (end - i < 16) {
      return NONE;
    }
    int year = digits(b, i, 4);
    if (year < 0 || b[i + 4] != '-') {
      return NONE;
    }
    int month = digits(b, i + 5, 2);
    if (month < 1 || month > 12 || b[i + 7] != '-') {
      return NONE;
    }
    int day = digits(b, i + 8, 2);
    if (day < 1 || day > daysInMonth(year, month)) {
      return NONE;
    }
    byte sep = b[i + 10];
    if (sep != 'T' && sep != 't' && sep != ' ') {
      return NONE;
    }
    int hour = digits(b, i + 11, 2);
    if (hour < 0 || hour > 23 || b[i + 13] != ':') {
      return NONE;
    }
    int minute = digits(b, i + 14, 2);
    if (minute < 0 || minute > 59) {
      return NONE;
    }
    int p = i + 16;
    int second = 0;
    int millis = 0;
    if (p + 2 < end && b[p] == ':' && isDigit(b[p + 1])) {
      second = digits(b, p + 1, 2);
      if (second < 0 || second > 59) {
        return NONE;
      }
      p += 3;
      if (p + 1 < end && (b[p] == '.' || b[p] == ',') && isDigit(b[p + 1])) {
        p++;
        int scale = 100;
        while (p < end && isDigit(b[p])) {
          millis += (b[p] - '0') * scale;
          scale /= 10;
          p++;
        }
      }
    }
    long offsetMinutes = 0;
    if (p < end && (b[p] == 'Z' || b[p] == 'z')) {
      p++;
    } else {
      int q = p < end && b[p] == ' ' && !whole ? p + 1 : p;
      if (q + 3 <= end && (b[q] == '+' || b[q] == '-')) {
        int oh = digits(b, q + 1, 2);
        if (oh >= 0 && oh <= 23) {
          int r = q + 3;
          int om = 0;
          if (r + 3 <= end && b[r] == ':') {
            om = digits(b, r + 1, 2);
            r += 3;
          } else if (r + 2 <= end && isDigit(b[r]) && isDigit(b[r + 1])) {
            om = digits(b, r, 2);
            r += 2;
          }
          if (om >= 0 && om <= 59 && (r >= end || !isAlnum(b[r]))) {
            offsetMinutes = (b[q] == '-' ? -1 : 1) * (oh * 60L + om);
            p = r;
          }
        }
      }
    }
    if (whole ? p != end : p < end && isAlnum(b[p])) {
      return NONE;
    }
    long days = daysFromCivil(year, month, day);
    return days * MILLIS_PER_DAY
        + hour * 3_600_000L
        + minute * 60_000L
        + second * 1000L
        + millis
        - offsetMinutes * 60_000L;
  }

  /**
   * Parses a leading epoch number at {@code b[i]}: an optional minus and up to 16 integer digits,
   * times {@code unitMillis}; with unitMillis 1000, a fraction is allowed ({@code 1772445900.123}).
   * The number must be followed by the end or a byte that is not a letter or digit.
   */
  static long parseEpoch(byte[] b, int i, int end, long unitMillis) {
    int p = i;
    boolean negative = p < end && b[p] == '-';
    if (negative) {
      p++;
    }
    int start = p;
    long v = 0;
    while (p < end && isDigit(b[p]) && p - start < 16) {
      v = v * 10 + (b[p] - '0');
      p++;
    }
    if (p == start) {
      return NONE;
    }
    long ms = v * unitMillis;
    if (unitMillis == 1000 && p + 1 < end && b[p] == '.' && isDigit(b[p + 1])) {
      p++;
      long scale = 100;
      while (p < end && isDigit(b[p])) {
        ms += (b[p] - '0') * scale;
        scale /= 10;
        p++;
      }
    }
    if (p < end && (isAlnum(b[p]) || b[p] == '.')) {
      return NONE;
    }
    return negative ? -ms : ms;
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
  static long daysFromCivil(int year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097 + doe - 719_468;
  }

  static int daysInMonth(int year, int month) {
    switch (month) {
      case 2:
        boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        return leap ? 29 : 28;
      case 4:
      case 6:
      case 9:
      case 11:
        return 30;
      default:
        return 31;
    }
  }

  /** The value of {@code n} decimal digits at {@code b[i]}, or -1. */
  private static int digits(byte[] b, int i, int n) {
    int v = 0;
    for (int k = 0; k < n; k++) {
      byte c = b[i + k];
      if (!isDigit(c)) {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAlnum(byte c) {
    return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
