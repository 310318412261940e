package io.mcpwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpwatch.configfile.ConfigFileException;
import io.mcpwatch.configfile.ConfigFiles;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamsSettingsReaderTest {
  private static final Path BASE = Path.of("/etc/mcpwatch");

  @Test
  void read_fullSection_passesSecurityThroughAndForcesExactlyOnce() {
    String yaml = String.join("\n",
        "kafka:",
        "  bootstrapServers: k1:9093,k2:9093",
        "  applicationId: alarms",
        "  inputTopics: [vector-logs, fluentbit-logs]",
        "  transitionsTopic: alarm-transitions",
        "  partitions: 12",
        "  clock: event",
        "  properties:",
        "    security.protocol: SASL_SSL",
        "    sasl.mechanism: SCRAM-SHA-512",
        "    sasl.jaas.config: ${JAAS}",
        "    processing.guarantee: at_least_once",
        "");
    StreamsSettings s =
        StreamsSettingsReader.read("m.yaml", yaml, Map.of("JAAS", "secret-jaas"), BASE);
    assertThat(s.inputTopics()).containsExactly("vector-logs", "fluentbit-logs");
    assertThat(s.partitions()).isEqualTo(12);
    assertThat(s.clock()).isEqualTo(StreamsSettings.ClockMode.EVENT);
    assertThat(s.stateDir()).isEqualTo(BASE.resolve("mcpwatch-streams-state"));
    assertThat(s.streamsProperties())
        .containsEntry("processing.guarantee", "exactly_once_v2")
        .containsEntry("sasl.jaas.config", "secret-jaas")
        .containsEntry("application.id", "alarms");
    assertThat(s.clientProperties()).containsEntry("security.protocol", "SASL_SSL")
        .doesNotContainKey("processing.guarantee");
  }

  @Test
  void read_mistakes_allReportedOnePerLineWithKeyPath() {
    String yaml = String.join("\n",
        "kafka:",
        "  inputTopics: []",
        "  partitions: zero",
        "  clock: sometimes",
        "  bootstrap: k1:9092",
        "");
    assertThatThrownBy(() -> StreamsSettingsReader.read("m.yaml", yaml, Map.of(), BASE))
        .isInstanceOf(ConfigFileException.class)
        .hasMessageContaining("m.yaml has 5 errors in kafka:")
        .hasMessageContaining("m.yaml: kafka.bootstrap: unknown key")
        .hasMessageContaining("m.yaml: kafka.inputTopics: expected a list of topic names")
        .hasMessageContaining("m.yaml: kafka.partitions: expected a whole number from 1 to 10000")
        .hasMessageContaining("m.yaml: kafka.clock: expected wall or event, got \"sometimes\"")
        .hasMessageContaining("m.yaml: kafka.bootstrapServers: missing")
        .hasMessageNotContaining("Exception");
  }

  @Test
  void read_noKafkaSection_saysWhatIsNeeded() {
    assertThatThrownBy(() -> StreamsSettingsReader.read("m.yaml", "namespace: X\n", Map.of(), BASE))
        .hasMessage("m.yaml: kafka: missing; mcpwatch streams needs at least"
            + " kafka.bootstrapServers and kafka.inputTopics (see docs/streams.md)");
  }

  @Test
  void configFiles_kafkaSection_isNoErrorForOtherCommands() {
    assertThat(ConfigFiles.check(Fixture.configFile()).errorCount()).isZero();
  }
}
