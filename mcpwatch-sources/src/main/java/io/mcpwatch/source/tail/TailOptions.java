package io.mcpwatch.source.tail;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link FileTailer}. Start from {@link #defaults()} and change what you need with
 * the {@code with...} methods; every value is checked here, so a bad setting fails at configuration
 * time with a message naming it.
 *
 * @param startAt where to start in files found at a fresh start ({@link FileTailer#start})
 * @param resumeUnknownAt where to start, on {@link FileTailer#resume}, in files that match the
 *     globs but have no checkpoint. The default, {@link StartAt#BEGINNING}, reads files created
 *     while mcpwatch was down in full; use {@link StartAt#END} after adding a glob that matches old
 *     files you do not want to replay
 * @param pollInterval how long {@link FileTailer#run} sleeps when there is nothing to read
 * @param scanInterval how often the globs are expanded to find new files (renames of tracked files
 *     are checked on every poll regardless)
 * @param rotatedFileGrace how long a file that was renamed away or deleted is still read after it
 *     stopped growing; a writer that keeps writing to a rotated file for longer loses those lines
 * @param maxCopyHold the longest a new file whose first bytes equal those of a tracked file is held
 *     back as a possible {@code copytruncate} copy before it is read as a new file
 * @param maxLineBytes longer lines are cut to this many bytes and flagged {@link
 *     TailLine#truncated()}
 * @param maxBytesPerPoll read budget of one {@link FileTailer#poll()} across all files
 * @param fingerprintBytes how many leading bytes of a file identify its content
 */
public record TailOptions(
    StartAt startAt,
    StartAt resumeUnknownAt,
    Duration pollInterval,
    Duration scanInterval,
    Duration rotatedFileGrace,
    Duration maxCopyHold,
    int maxLineBytes,
    int maxBytesPerPoll,
    int fingerprintBytes) {

  /** Upper bound of {@code maxLineBytes} and {@code maxBytesPerPoll}. */
  public static final int MAX_BUFFER_BYTES = 64 * 1024 * 1024;

  public TailOptions {
    Objects.requireNonNull(startAt, "startAt");
    Objects.requireNonNull(resumeUnknownAt, "resumeUnknownAt");
    requirePositive("pollInterval", pollInterval);
    Objects.requireNonNull(scanInterval, "scanInterval");
    if (scanInterval.isNegative()) {
      throw new IllegalArgumentException("scanInterval must be >= 0, got " + scanInterval);
    }
    requirePositive("rotatedFileGrace", rotatedFileGrace);
    requirePositive("maxCopyHold", maxCopyHold);
    requireRange("maxLineBytes", maxLineBytes, 1, MAX_BUFFER_BYTES);
    requireRange("maxBytesPerPoll", maxBytesPerPoll, 1, MAX_BUFFER_BYTES);
    requireRange("fingerprintBytes", fingerprintBytes, 16, 1024 * 1024);
  }

  /**
   * Start at the end, 200 ms polls, 1 s scans, 5 s grace for rotated files, 60 s copy hold, 256 KiB
   * lines, 4 MiB per poll, 1 KiB fingerprints.
   */
  public static TailOptions defaults() {
    return new TailOptions(
        StartAt.END,
        StartAt.BEGINNING,
        Duration.ofMillis(200),
        Duration.ofSeconds(1),
        Duration.ofSeconds(5),
        Duration.ofSeconds(60),
        256 * 1024,
        4 * 1024 * 1024,
        1024);
  }

  public TailOptions withStartAt(StartAt value) {
    return new TailOptions(
        value,
        resumeUnknownAt,
        pollInterval,
        scanInterval,
        rotatedFileGrace,
        maxCopyHold,
        maxLineBytes,
        maxBytesPerPoll,
        fingerprintBytes);
  }

  public TailOptions withResumeUnknownAt(StartAt value) {
    return new TailOptions(
        startAt,
        value,
        pollInterval,
        scanInterval,
        rotatedFileGrace,
        maxCopyHold,
        maxLineBytes,
        maxBytesPerPoll,
        fingerprintBytes);
  }

  public TailOptions withPollInterval(Duration value) {
    return new TailOptions(
        startAt,
        resumeUnknownAt,
        value,
        scanInterval,
        rotatedFileGrace,
        maxCopyHold,
        maxLineBytes,
        maxBytesPerPoll,
        fingerprintBytes);
  }

  public TailOptions withScanInterval(Duration value) {
    return new TailOptions(
        startAt,
        resumeUnknownAt,
        pollInterval,
        value,
        rotatedFileGrace,
        maxCopyHold,
        maxLineBytes,
        maxBytesPerPoll,
        fingerprintBytes);
  }

  public TailOptions withRotatedFileGrace(Duration value) {
    return new TailOptions(
        startAt,
        resumeUnknownAt,
        pollInterval,
        scanInterval,
        value,
        maxCopyHold,
        maxLineBytes,
        maxBytesPerPoll,
        fingerprintBytes);
  }

  public TailOptions withMaxCopyHold(Duration value) {
    return new TailOptions(
        startAt,
        resumeUnknownAt,
        pollInterval,
        scanInterval,
        rotatedFileGrace,
        value,
        maxLineBytes,
        maxBytesPerPoll,
        fingerprintBytes);
  }

  public TailOptions withMaxLineBytes(int value) {
    return new TailOptions(
        startAt,
        resumeUnknownAt,
        pollInterval,
        scanInterval,
        rotatedFileGrace,
        maxCopyHold,
        value,
        maxBytesPerPoll,
        fingerprintBytes);
  }

  public TailOptions withMaxBytesPerPoll(int value) {
    return new TailOptions(
        startAt,
        resumeUnknownAt,
        pollInterval,
        scanInterval,
        rotatedFileGrace,
        maxCopyHold,
        maxLineBytes,
        value,
        fingerprintBytes);
  }

  public TailOptions withFingerprintBytes(int value) {
    return new TailOptions(
        startAt,
        resumeUnknownAt,
        pollInterval,
        scanInterval,
        rotatedFileGrace,
        maxCopyHold,
        maxLineBytes,
        maxBytesPerPoll,
        value);
  }

  private static void requirePositive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be > 0, got " + value);
    }
  }

  private static void requireRange(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " must be between " + min + " and " + max + ", got " + value);
    }
  }
}
