package io.mcpwatch.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * mcpwatch's logging, configured in code (a logback {@link Configurator} service) instead of
 * parsing a {@code logback.xml} with Joran, which took ~17 % of a short command's main thread
 * (issue 14): libraries (Jetty, Javalin, Flyway, SQLite, Jakarta Mail) only at WARN; mcpwatch's
 * own activity at INFO as one concise line each, on stderr (stdout stays free for command
 * output), {@code 2026-12-06T22:08:00.412Z INFO  LiveService: running ...}.
 *
 * <p>Override without editing: {@code -Dmcpwatch.log.level=DEBUG} (mcpwatch) and {@code
 * -Dmcpwatch.log.root=INFO} (libraries), e.g. {@code
 * MCPWATCH_JAVA_OPTS="-Dmcpwatch.log.level=DEBUG" ./mcpwatch run -c mcpwatch.yaml}. With {@code
 * -Dlogback.configurationFile=FILE} this steps aside and logback reads that file as usual.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LoggingConfigurator extends ContextAwareBase implements Configurator {
  /** The layout of every line (what {@code logback.xml} had). */
  static final String PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level %logger{0}: %msg%n";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (property("logback.configurationFile") != null) {
      return ExecutionStatus.NEUTRAL; // the user's file, read by logback's own configurator
    }
    context.getStatusManager().add(new NopStatusListener());
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    context.getLogger("io.mcpwatch").setLevel(level(property("mcpwatch.log.level"), "INFO"));
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(level(property("mcpwatch.log.root"), "WARN"));
    root.addAppender(stderr);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** As logback's {@code ${name:-default}}: a system property, else an environment variable. */
  private static @Nullable String property(String name) {
    String v = System.getProperty(name);
    return v != null ? v : System.getenv(name);
  }

  /** As logback's level attribute: an unknown name is DEBUG ({@link Level#toLevel(String)}). */
  static Level level(@Nullable String value, String otherwise) {
    return Level.toLevel(value == null ? otherwise : value);
  }
}
