package io.mcpwatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpwatch.config.ServiceSettings;
import io.mcpwatch.server.ingest.IngestLimits;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServerSettingsTest {
  @Test
  void from_mapsTheHttpSection() {
    ServerSettings s =
        ServerSettings.from(
            new ServiceSettings.HttpSettings(
                true, "10.0.0.5", 9000, "a-long-enough-token", null, 500_000, 50, 1000));
    assertThat(s.host()).isEqualTo("10.0.0.5");
    assertThat(s.port()).isEqualTo(9000);
    assertThat(s.token()).isNotNull();
    assertThat(s.token().matches("Bearer a-long-enough-token")).isTrue();
    assertThat(s.limits())
        .isEqualTo(
            new IngestLimits(
                1_000_000, 500_000, 50, 1000, Duration.ofDays(14), Duration.ofHours(2)));
    assertThat(ServerSettings.from(ServiceSettings.HttpSettings.defaults()).limits())
        .isEqualTo(IngestLimits.defaults());
  }

  @Test
  void from_failsNamingTheKey() {
    assertThatThrownBy(
            () ->
                ServerSettings.from(
                    new ServiceSettings.HttpSettings(
                        true, "127.0.0.1", 8787, "short", null, 1_048_576, 10_000, 262_144)))
        .hasMessageStartingWith("http.token: expected at least 16 characters");
    assertThatThrownBy(
            () ->
                ServerSettings.from(
                    new ServiceSettings.HttpSettings(
                        true, "127.0.0.1", 70_000, null, null, 1_048_576, 10_000, 262_144)))
        .hasMessageStartingWith("http.port: expected 0-65535");
    assertThatThrownBy(
            () ->
                ServerSettings.from(
                    new ServiceSettings.HttpSettings(
                        true, "127.0.0.1", 8787, null, null, 1000, 10_000, 262_144)))
        .hasMessageStartingWith("http.maxEventBytes: expected at most http.maxRequestBytes");
    assertThatThrownBy(
            () ->
                ServerSettings.from(
                    new ServiceSettings.HttpSettings(
                        true, "127.0.0.1", 8787, null, null, 1_048_576, 0, 262_144)))
        .hasMessageStartingWith("http.maxEventsPerRequest: expected a positive number");
  }

  @Test
  void defaults_areLoopbackWithoutToken() {
    ServerSettings d = ServerSettings.defaults();
    assertThat(d.host()).isEqualTo("127.0.0.1");
    assertThat(d.port()).isEqualTo(8787);
    assertThat(d.token()).isNull();
    assertThat(d.limits().maxBatchBytes()).isEqualTo(1_048_576);
    assertThat(d.limits().maxBodyBytes()).isEqualTo(2_097_152);
  }
}
