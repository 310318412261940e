package io.mcpwatch.terraform.hcl;

/**
 * A user mistake in a {@code .tf} file, or something mcpwatch cannot resolve: one line naming
 * {@code file:line:column} and what was expected.
 */
public final class HclException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final Pos pos;

  public HclException(Pos pos, String message) {
    super(message);
    this.pos = pos;
  }

  public Pos pos() {
    return pos;
  }

  /** {@code file:line:column: message}. */
  public String render() {
    return pos + ": " + getMessage();
  }
}
