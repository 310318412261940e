package io.mcpwatch.source.read;

import java.util.Locale;

/** The formats {@link EventReaders} understands. */
public enum InputFormat {
  /** Detect from the first non-blank bytes (see {@link #detect(byte[], int, int)}). */
  AUTO("auto"),
  /** One JSON object per line: {@code {"timestamp": <epoch ms>, "message": "...", ...}}. */
  JSON_LINES("jsonl"),
  /**
   * What {@code aws logs filter-log-events} / {@code get-log-events} print: {@code {"events":[...],
   * ...}}, possibly several documents in a row, or a bare array of event objects; and what {@code
   * aws logs get-query-results} prints: {@code {"results":[[{"field":"@timestamp","value":..},
   * ..]], "status": ..}}.
   */
  CLOUDWATCH_JSON("cloudwatch"),
  /**
   * A CloudWatch Logs export to S3 (objects {@code 000000.gz}): lines {@code
   * 2024-01-01T00:01:00.500Z message}, the prefix being the event's time. Detected only in gzip
   * input (an app's own log may start its lines with ISO times that belong to the message).
   */
  CLOUDWATCH_S3("s3-export"),
  /**
   * The Logs Insights console's CSV download: a header naming {@code @timestamp} and {@code
   * @message} (and maybe {@code @log}, {@code @logStream}), RFC 4180 quoting, newest first.
   * ({@code aws logs get-query-results} JSON is read as {@link #CLOUDWATCH_JSON}.)
   */
  INSIGHTS_CSV("insights-csv"),
  /** Docker's json-file log driver: {@code {"log":"...\n","stream":"stdout","time":"..."}}. */
  DOCKER("docker"),
  /**
   * Plain text lines; the timestamp comes from the line ({@link ReadOptions#timestampFormat()}).
   */
  TEXT("text");

  private final String cliName;

  InputFormat(String cliName) {
    this.cliName = cliName;
  }

  /** The name used on the command line ({@code auto}, {@code jsonl}, {@code cloudwatch}, ...). */
  public String cliName() {
    return cliName;
  }

  /**
   * Parses a command-line name: {@code auto}, {@code jsonl} (or {@code json-lines}), {@code
   * cloudwatch} (or {@code aws}), {@code s3-export}, {@code insights-csv}, {@code insights-json}
   * (the same reader as {@code cloudwatch}), {@code docker}, {@code text}; case-insensitive.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static InputFormat fromCliName(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    switch (n) {
      case "json-lines":
      case "jsonlines":
      case "ndjson":
        return JSON_LINES;
      case "aws":
      case "insights-json":
        return CLOUDWATCH_JSON;
      case "s3":
        return CLOUDWATCH_S3;
      case "csv":
        return INSIGHTS_CSV;
      default:
        for (InputFormat f : values()) {
          if (f.cliName.equals(n)) {
            return f;
          }
        }
        throw new IllegalArgumentException(
            "format '"
                + name
                + "': expected one of auto, jsonl, cloudwatch, s3-export, insights-csv,"
                + " insights-json, docker, text");
    }
  }

  /**
   * Guesses the format from the first bytes of an input (a UTF-8 BOM and blank space are skipped):
   * an object with {@code timestamp} and {@code message} is {@link #JSON_LINES}; a {@code [}, or an
   * object whose first keys include {@code events} (an array), {@code nextToken}, {@code
   * nextForwardToken}, {@code searchedLogStreams} or {@code results} (an array) is {@link
   * #CLOUDWATCH_JSON}; a first line that is a CSV header naming {@code @timestamp} and {@code
   * @message} is {@link #INSIGHTS_CSV}; an object with
   * {@code log} but no {@code message} is {@link #DOCKER}; any other object is {@link #JSON_LINES};
   * anything else is {@link #TEXT}. Returns {@link #AUTO} when the bytes are all blank. Never
   * throws on any content.
   */
  public static InputFormat detect(byte[] head, int off, int len) {
    return FormatDetector.detect(head, off, len);
  }
}
