package io.mcpwatch.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DatabaseConfigTest {

  @Test
  void of_plainPathMeansSqlite() {
    DatabaseConfig c = DatabaseConfig.of("/var/lib/mcpwatch/state.db");
    assertThat(c.dialect()).isEqualTo(Dialect.SQLITE);
    assertThat(c.url()).isEqualTo("jdbc:sqlite:/var/lib/mcpwatch/state.db");
    assertThat(c.sqliteFile()).isEqualTo(Path.of("/var/lib/mcpwatch/state.db"));
    assertThat(c.durability()).isEqualTo(Durability.POWER_LOSS);
    assertThat(c.busyTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.retention()).isEqualTo(Retention.defaults());
  }

  @Test
  void postgresUrl_credentialsMoveOutOfTheUrlAndNeverPrint() {
    DatabaseConfig c =
        DatabaseConfig.of(
            "jdbc:postgresql://db.example:5432/mcpwatch?sslmode=require&user=svc&password=s3cr3t");
    assertThat(c.dialect()).isEqualTo(Dialect.POSTGRESQL);
    assertThat(c.url()).isEqualTo("jdbc:postgresql://db.example:5432/mcpwatch?sslmode=require");
    assertThat(c.user()).isEqualTo("svc");
    assertThat(c.password()).isEqualTo("s3cr3t");
    assertThat(c.sqliteFile()).isNull();
    assertThat(c.toString()).doesNotContain("s3cr3t").contains("password=***");
    assertThat(c.describe()).doesNotContain("s3cr3t").contains("user svc");
  }

  @Test
  void postgresUrl_explicitCredentialsWin() {
    DatabaseConfig c =
        DatabaseConfig.of("jdbc:postgresql://h/db?password=fromurl")
            .withCredentials("u", "explicit");
    assertThat(c.password()).isEqualTo("explicit");
    assertThat(
            new DatabaseConfig(
                    "jdbc:postgresql://h/db?password=fromurl",
                    null,
                    "given",
                    Duration.ZERO,
                    Durability.POWER_LOSS,
                    Retention.defaults())
                .password())
        .isEqualTo("given");
  }

  @Test
  void constructor_rejectsWhatWouldLoseStateOrIsUnknown() {
    assertThatThrownBy(() -> DatabaseConfig.of("jdbc:sqlite::memory:"))
        .hasMessageContaining("storage.url")
        .hasMessageContaining("file");
    assertThatThrownBy(() -> DatabaseConfig.of("jdbc:sqlite:"))
        .hasMessageContaining("storage.url");
    assertThatThrownBy(() -> DatabaseConfig.of("jdbc:mysql://h/db?password=topsecret"))
        .hasMessageContaining("expected jdbc:sqlite")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("topsecret"));
    assertThatThrownBy(() -> DatabaseConfig.of("x.db").withBusyTimeout(Duration.ofMillis(-1)))
        .hasMessageContaining("database.busyTimeout");
    assertThatThrownBy(() -> new Retention(Duration.ZERO, Duration.ofDays(1), Duration.ofDays(1)))
        .hasMessageContaining("retention.history");
  }
}
