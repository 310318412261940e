package io.mcpwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * {@link LoggingConfigurator} configures logback as the {@code logback.xml} it replaced did
 * (kept as the test resource {@code logback-before.xml}, read with Joran): same lines on stderr,
 * same levels, the same two overrides; and it steps aside for {@code -Dlogback.configurationFile}.
 */
class LoggingConfiguratorTest {

  /** A context as SLF4J's logback provider makes it (with its MDC adapter). */
  private static LoggerContext context() {
    LoggerContext c = new LoggerContext();
    c.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    return c;
  }

  private static LoggerContext byCode() {
    LoggerContext c = context();
    LoggingConfigurator conf = new LoggingConfigurator();
    conf.setContext(c);
    assertThat(conf.configure(c)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
    return c;
  }

  private static LoggerContext byXml() throws Exception {
    LoggerContext c = context();
    JoranConfigurator j = new JoranConfigurator();
    j.setContext(c);
    try (InputStream in =
        LoggingConfiguratorTest.class.getResourceAsStream("logback-before.xml")) {
      j.doConfigure(in);
    }
    return c;
  }

  /**
   * What a context writes to stderr for the same events (same timestamps); stderr is replaced
   * before the context is made (its appender keeps the stream it started with).
   */
  private static String written(java.util.concurrent.Callable<LoggerContext> make)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream before = System.err;
    System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      LoggerContext c = make.call();
      for (LoggingEvent e : events(c)) {
        ch.qos.logback.classic.Logger l = c.getLogger(e.getLoggerName());
        if (e.getLevel().isGreaterOrEqual(l.getEffectiveLevel())) {
          forEachAppender(c, a -> a.doAppend(e));
        }
      }
    } finally {
      System.setErr(before);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static List<LoggingEvent> events(LoggerContext c) {
    return List.of(
        event(c, "io.mcpwatch.live.LiveService", Level.INFO, "running 3 alarms from m.yaml"),
        event(c, "io.mcpwatch.live.EngineLoop", Level.DEBUG, "a debug line"),
        event(c, "io.mcpwatch.live.EngineLoop", Level.WARN, "a \"quoted\" warning\nsecond line"),
        event(c, "org.eclipse.jetty.server.Server", Level.INFO, "jetty info"),
        event(c, "org.flywaydb.core.Flyway", Level.WARN, "flyway warning"),
        event(c, "org.sqlite.SQLiteJDBCLoader", Level.ERROR, "sqlite error ü"));
  }

  private static void forEachAppender(LoggerContext c, Consumer<Appender<ILoggingEvent>> f) {
    c.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().forEachRemaining(f);
  }

  private static LoggingEvent event(LoggerContext c, String logger, Level level, String msg) {
    LoggingEvent e = new LoggingEvent();
    e.setLoggerContext(c);
    e.setLoggerName(logger);
    e.setLevel(level);
    e.setMessage(msg);
    e.setTimeStamp(1_780_000_000_123L);
    e.setThreadName("main");
    return e;
  }

  private static void withProperty(String name, String value, Runnable r) {
    String old = System.getProperty(name);
    System.setProperty(name, value);
    try {
      r.run();
    } finally {
      if (old == null) {
        System.clearProperty(name);
      } else {
        System.setProperty(name, old);
      }
    }
  }

  @Test
  void configure_writesWhatLogbackXmlWrote() throws Exception {
    String code = written(LoggingConfiguratorTest::byCode);
    assertThat(code).isEqualTo(written(LoggingConfiguratorTest::byXml))
        .contains("Z INFO  LiveService: running 3 alarms from m.yaml")
        .doesNotContain("debug line").doesNotContain("jetty info");
    assertThat(code.lines()).hasSize(5); // INFO, WARN (2 lines), flyway WARN, sqlite ERROR
  }

  @Test
  void configure_levelOverrides_asLogbackXml() {
    withProperty("mcpwatch.log.level", "DEBUG", () -> withProperty("mcpwatch.log.root", "INFO",
        () -> {
          try {
            String code = written(LoggingConfiguratorTest::byCode);
            assertThat(code).isEqualTo(written(LoggingConfiguratorTest::byXml)).contains("a debug line")
                .contains("jetty info");
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        }));
    withProperty("mcpwatch.log.level", "nonsense", () -> {
      assertThat(byCode().getLogger("io.mcpwatch").getLevel()).isEqualTo(Level.DEBUG);
    });
  }

  @Test
  void configure_configurationFileSet_stepsAside() {
    withProperty("logback.configurationFile", "/nonexistent/logback.xml", () -> {
      LoggerContext c = new LoggerContext();
      LoggingConfigurator conf = new LoggingConfigurator();
      conf.setContext(c);
      assertThat(conf.configure(c)).isEqualTo(Configurator.ExecutionStatus.NEUTRAL);
      assertThat(c.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
    });
  }
}
