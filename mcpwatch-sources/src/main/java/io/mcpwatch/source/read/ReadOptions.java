package io.mcpwatch.source.read;

import io.mcpwatch.pattern.LiteralPrefilter;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How to read an input.
 *
 * @param format the input format; {@link InputFormat#AUTO} detects it per input
 * @param defaultLogGroup the log group of events whose input does not name one (CloudWatch CLI
 *     output, Docker logs, text, JSON lines without a {@code logGroup} key); {@code null} gives
 *     such events the empty log group, which no alarm routes to
 * @param timestampFormat for {@link InputFormat#TEXT}: {@code iso} (ISO-8601 at line start), {@code
 *     python} ({@code 2026-03-02 10:05:00,123}), {@code epoch-ms}, {@code epoch-s}, {@code none}
 *     (lines carry no time: they all get the caller's fallback time, so {@link EventReaders} skips
 *     them), or a {@link java.time.format.DateTimeFormatter} pattern; {@code null} means {@code
 *     iso} ({@code iso} and {@code python} accept each other's form). The timestamp is looked for
 *     at line start, or just after a {@code [} (at line start, or first in the line for patterns).
 *     Without an offset in the text the time is UTC. A line without a timestamp takes the previous
 *     line's (tracebacks, uvicorn access lines); before any, it is skipped
 * @param maxEventBytes the largest message, in UTF-8 bytes, that is kept (CloudWatch's event limit,
 *     256 KiB, by default); longer lines are counted as oversized and skipped without being
 *     buffered. JSON and Docker lines may be {@value #ENVELOPE_SLACK_BYTES} bytes longer to make
 *     room for the JSON around the message
 * @param wantedLogGroups the log groups whose messages the caller reads; {@code null} (the default)
 *     means all. Events of other groups are still returned, with their timestamp and log group and
 *     counted as usual, but a reader may leave their message empty instead of decoding it (JSON
 *     lines do): for a caller that routes by log group and only counts the others
 * @param prefilters per log group, a test of the message's bytes built from all the patterns the
 *     caller will run on that group's messages ({@link LiteralPrefilter#of}); a reader may leave
 *     the message of an event it rejects empty instead of decoding it (JSON lines do), with its
 *     timestamp and log group as usual: for a caller that only runs those patterns on the message
 *     (none of which matches an empty message) and never shows it. {@code null} or a group
 *     without an entry: every message is decoded
 * @param stripAnsi remove ANSI escape sequences (terminal colours: {@code ESC[31m}) from each line
 *     before it is decoded and from each decoded message, as a terminal would not show them
 * @param assumedTimes for text lines that carry no time and have no earlier line to take one from:
 *     made-up times (see {@link AssumedTimes}); {@code null} skips such lines (counted in {@link
 *     ReaderStats#untimed()})
 */
public record ReadOptions(
    InputFormat format,
    @Nullable String defaultLogGroup,
    @Nullable String timestampFormat,
    long maxEventBytes,
    @Nullable Set<String> wantedLogGroups,
    @Nullable Map<String, LiteralPrefilter> prefilters,
    boolean stripAnsi,
    @Nullable AssumedTimes assumedTimes) {

  /** CloudWatch Logs' maximum event size. */
  public static final long DEFAULT_MAX_EVENT_BYTES = 256 * 1024;

  /** The largest accepted {@link #maxEventBytes()}. */
  public static final long MAX_MAX_EVENT_BYTES = 64L * 1024 * 1024;

  /** Extra line length allowed for JSON framing around a message of {@code maxEventBytes}. */
  public static final int ENVELOPE_SLACK_BYTES = 4096;

  /**
   * @throws IllegalArgumentException if maxEventBytes is outside 1..64 MiB or timestampFormat is
   *     not a known name or a valid pattern with a date and a time of day
   */
  public ReadOptions {
    Objects.requireNonNull(format, "format");
    if (maxEventBytes < 1 || maxEventBytes > MAX_MAX_EVENT_BYTES) {
      throw new IllegalArgumentException(
          "maxEventBytes: expected 1.." + MAX_MAX_EVENT_BYTES + ", got " + maxEventBytes);
    }
    TimestampExtractor.compile(timestampFormat); // validates
    wantedLogGroups = wantedLogGroups == null ? null : Set.copyOf(wantedLogGroups);
    prefilters = prefilters == null ? null : Map.copyOf(prefilters);
  }

  /** Every message decoded (see {@link #prefilters()}), no ANSI stripping, no assumed times. */
  public ReadOptions(
      InputFormat format,
      @Nullable String defaultLogGroup,
      @Nullable String timestampFormat,
      long maxEventBytes,
      @Nullable Set<String> wantedLogGroups) {
    this(format, defaultLogGroup, timestampFormat, maxEventBytes, wantedLogGroups, null, false, null);
  }

  /** Every log group wanted (see {@link #wantedLogGroups()}). */
  public ReadOptions(
      InputFormat format,
      @Nullable String defaultLogGroup,
      @Nullable String timestampFormat,
      long maxEventBytes) {
    this(format, defaultLogGroup, timestampFormat, maxEventBytes, null, null, false, null);
  }

  /** AUTO format, no default log group, ISO/Python timestamps, 256 KiB events, every group. */
  public static ReadOptions defaults() {
    return new ReadOptions(InputFormat.AUTO, null, null, DEFAULT_MAX_EVENT_BYTES);
  }

  public ReadOptions withFormat(InputFormat newFormat) {
    return new ReadOptions(
        newFormat, defaultLogGroup, timestampFormat, maxEventBytes, wantedLogGroups, prefilters,
        stripAnsi, assumedTimes);
  }

  public ReadOptions withDefaultLogGroup(@Nullable String group) {
    return new ReadOptions(
        format, group, timestampFormat, maxEventBytes, wantedLogGroups, prefilters, stripAnsi,
        assumedTimes);
  }

  public ReadOptions withTimestampFormat(@Nullable String newTimestampFormat) {
    return new ReadOptions(
        format, defaultLogGroup, newTimestampFormat, maxEventBytes, wantedLogGroups, prefilters,
        stripAnsi, assumedTimes);
  }

  public ReadOptions withMaxEventBytes(long newMaxEventBytes) {
    return new ReadOptions(
        format, defaultLogGroup, timestampFormat, newMaxEventBytes, wantedLogGroups, prefilters,
        stripAnsi, assumedTimes);
  }

  public ReadOptions withWantedLogGroups(@Nullable Set<String> groups) {
    return new ReadOptions(
        format, defaultLogGroup, timestampFormat, maxEventBytes, groups, prefilters, stripAnsi,
        assumedTimes);
  }

  /** See {@link #prefilters()}; {@code null}: decode every message. */
  public ReadOptions withPrefilters(@Nullable Map<String, LiteralPrefilter> byGroup) {
    return new ReadOptions(
        format, defaultLogGroup, timestampFormat, maxEventBytes, wantedLogGroups, byGroup,
        stripAnsi, assumedTimes);
  }

  /** See {@link #stripAnsi()}. */
  public ReadOptions withStripAnsi(boolean strip) {
    return new ReadOptions(
        format, defaultLogGroup, timestampFormat, maxEventBytes, wantedLogGroups, prefilters, strip,
        assumedTimes);
  }

  /** See {@link #assumedTimes()}; {@code null}: none. */
  public ReadOptions withAssumedTimes(@Nullable AssumedTimes times) {
    return new ReadOptions(
        format, defaultLogGroup, timestampFormat, maxEventBytes, wantedLogGroups, prefilters,
        stripAnsi, times);
  }

  /** The prefilter of {@code group}'s messages, or null. */
  @Nullable LiteralPrefilter prefilter(String group) {
    return prefilters == null ? null : prefilters.get(group);
  }

  /** Whether the messages of {@code group} are wanted. */
  boolean wants(String group) {
    return wantedLogGroups == null || wantedLogGroups.contains(group);
  }

  /** The log group for events whose input names none. */
  String logGroupOrEmpty() {
    return defaultLogGroup == null ? "" : defaultLogGroup;
  }
}
