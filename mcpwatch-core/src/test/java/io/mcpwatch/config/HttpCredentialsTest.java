package io.mcpwatch.config;

import static io.mcpwatch.config.ServiceConfig.messages;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.config.ServiceSettings.AwsCredential;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpCredentialsTest {
  @Test
  void credentials_fromTheEnvironment_bound() {
    BindResult r =
        ServiceConfig.bindWith(
            ServiceConfig.env("SHIPPER_SECRET", "shipper-secret-0123456789"),
            "  http: { credentials: [ { accessKeyId: 'AKIDSHIPPER00001',",
            "    secretAccessKey: '${SHIPPER_SECRET}', permissions: [ 'ingest' ] } ] },");
    assertThat(r.errors()).isEmpty();
    List<AwsCredential> c = r.config().service().http().credentials();
    assertThat(c)
        .containsExactly(
            new AwsCredential("AKIDSHIPPER00001", "shipper-secret-0123456789", List.of("ingest")));
    assertThat(r.config().service().http().toString()).doesNotContain("shipper-secret");
  }

  @Test
  void credentials_missingOrWeakSecret_andBadPermissions_areErrors() {
    BindResult r =
        ServiceConfig.bindWith(
            ServiceConfig.env("WEAK", "short"),
            "  http: { credentials: [ { accessKeyId: 'AKIDSHIPPER00001', permissions: [ 'ingest' ] },",
            "    { accessKeyId: 'AKIDSHIPPER00002', secretAccessKey: '${WEAK}', permissions: [ 'read' ] },",
            "    { accessKeyId: 'akid', secretAccessKey: 'long-enough-secret-0123', permissions: [ 'write' ] } ] },");
    assertThat(messages(r))
        .anySatisfy(m -> assertThat(m).startsWith("http.credentials[0].secretAccessKey: missing"))
        .anySatisfy(m -> assertThat(m).startsWith("http.credentials[1].secretAccessKey: too weak"))
        .anySatisfy(m -> assertThat(m).startsWith("http.credentials[2].accessKeyId: expected 16-128"))
        .anySatisfy(m -> assertThat(m).contains("expected one of [ingest, read, admin], found 'write'"))
        .noneSatisfy(m -> assertThat(m).contains("short"));
    assertThat(r.config() == null || r.config().service().http().credentials().isEmpty()).isTrue();
  }
}
