package io.mcpwatch.source.tail;

/** Where reading starts in a file that has no checkpoint. */
public enum StartAt {
  /** After the last complete line present when the file is first seen: only new lines are read. */
  END,
  /** At byte 0: everything in the file is read. */
  BEGINNING
}
