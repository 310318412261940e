package io.mcpwatch.live;

/**
 * What sources read, as counters (summed on the engine thread).
 *
 * @param lines lines read
 * @param bytes bytes of those lines
 * @param events events decoded (before fan-out to several log groups)
 * @param malformed lines that could not be decoded (broken JSON, a bad Docker record)
 * @param oversized lines longer than the event limit, skipped
 * @param skipped blank lines and lines without any time
 * @param invalidUtf8 lines with bytes that are not UTF-8 (decoded with U+FFFD, still ingested)
 */
record InputCounts(
    long lines,
    long bytes,
    long events,
    long malformed,
    long oversized,
    long skipped,
    long invalidUtf8) {

  static final InputCounts ZERO = new InputCounts(0, 0, 0, 0, 0, 0, 0);

  InputCounts plus(InputCounts o) {
    return new InputCounts(
        lines + o.lines,
        bytes + o.bytes,
        events + o.events,
        malformed + o.malformed,
        oversized + o.oversized,
        skipped + o.skipped,
        invalidUtf8 + o.invalidUtf8);
  }

  /** Lines that did not become events (malformed, oversized). */
  long rejected() {
    return malformed + oversized;
  }
}
