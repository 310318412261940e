package io.mcpwatch.configfile;

/**
 * The configuration file cannot be used: it is missing, unreadable, not UTF-8, or has errors. The
 * message is for the user as it is: one line per problem, each naming the file, the key path and
 * line:column, never a stack trace. Front-ends print it and exit with status 2.
 */
public final class ConfigFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigFileException(String message) {
    super(message);
  }
}
