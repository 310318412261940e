package io.mcpwatch.terraform.hcl;

import java.util.Objects;

/**
 * Where something is written in a {@code .tf} file.
 *
 * @param file the file as the user named it (relative paths stay relative)
 * @param line 1-based line
 * @param column 1-based column (in characters)
 * @param start offset of the first character in the file's text
 * @param end offset after the last character
 */
public record Pos(String file, int line, int column, int start, int end) {
  public Pos {
    Objects.requireNonNull(file, "file");
  }

  /** {@code file:line:column}. */
  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
