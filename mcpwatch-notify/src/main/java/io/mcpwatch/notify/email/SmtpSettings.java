package io.mcpwatch.notify.email;

import io.mcpwatch.config.ServiceSettings;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to reach the SMTP server. The password is a secret: {@link #toString()} never shows it and
 * no error message contains it.
 *
 * @param host server host
 * @param port server port (25, 587 for STARTTLS, 465 for TLS, ...)
 * @param security {@code NONE}, {@code STARTTLS} (required, not opportunistic) or {@code TLS}
 *     (implicit TLS); TLS connections check the server's certificate and host name
 * @param username the login, or null for no authentication
 * @param password the password, or null
 * @param fromAddress the envelope and header sender, e.g. {@code mcpwatch@example.com}
 * @param connectTimeout connection timeout
 * @param readTimeout socket read timeout
 * @param writeTimeout socket write timeout
 * @param extraProperties further {@code mail.smtp.*} properties (e.g. {@code mail.smtp.ssl.trust})
 */
public record SmtpSettings(
    String host,
    int port,
    Security security,
    @Nullable String username,
    @Nullable String password,
    String fromAddress,
    Duration connectTimeout,
    Duration readTimeout,
    Duration writeTimeout,
    Map<String, String> extraProperties) {

  /** Transport security. */
  public enum Security {
    NONE,
    STARTTLS,
    TLS
  }

  public SmtpSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(fromAddress, "fromAddress");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    Objects.requireNonNull(writeTimeout, "writeTimeout");
    extraProperties = Map.copyOf(extraProperties);
    if (host.isBlank() || HeaderValues.hasControl(host)) {
      throw new IllegalArgumentException("smtp.host: expected a host name");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("smtp.port: expected 1 to 65535; found " + port);
    }
    if ((username == null) != (password == null)) {
      throw new IllegalArgumentException(
          "smtp.username and smtp.password: set both for authentication, or neither");
    }
    MimeMessages.parseAddress(fromAddress, "smtp.from");
  }

  /**
   * The settings of the configuration file's {@code smtp:} section: {@code security} named
   * none/starttls/tls (any case), the port defaulting to 25, 587 or 465 by security, auth when both
   * username and password are set.
   *
   * @throws IllegalArgumentException naming {@code smtp.security} for an unknown security value
   */
  public static SmtpSettings fromConfig(ServiceSettings.SmtpSettings s) {
    Security security;
    try {
      security = Security.valueOf(s.security().trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "smtp.security: expected none, starttls or tls; found " + s.security());
    }
    int port = s.port() > 0 ? s.port()
        : security == Security.TLS ? 465
        : security == Security.STARTTLS ? 587 : 25;
    SmtpSettings out = of(s.host(), port, security, s.from());
    String user = s.username();
    String password = s.password();
    return user != null && password != null ? out.withAuth(user, password) : out;
  }

  /** No authentication, timeouts 10 s (connect) and 30 s (read, write). */
  public static SmtpSettings of(String host, int port, Security security, String fromAddress) {
    return new SmtpSettings(host, port, security, null, null, fromAddress,
        Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30), Map.of());
  }

  public SmtpSettings withAuth(String username, String password) {
    return new SmtpSettings(host, port, security, Objects.requireNonNull(username, "username"),
        Objects.requireNonNull(password, "password"), fromAddress, connectTimeout, readTimeout,
        writeTimeout, extraProperties);
  }

  public SmtpSettings withTimeouts(Duration connect, Duration read, Duration write) {
    return new SmtpSettings(host, port, security, username, password, fromAddress, connect, read,
        write, extraProperties);
  }

  public SmtpSettings withExtraProperties(Map<String, String> properties) {
    return new SmtpSettings(host, port, security, username, password, fromAddress,
        connectTimeout, readTimeout, writeTimeout, properties);
  }

  @Override
  public String toString() {
    return "SmtpSettings[" + host + ":" + port + " " + security
        + (username == null ? "" : " user=" + username + " password=***")
        + " from=" + fromAddress + "]";
  }
}
