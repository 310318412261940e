package io.mcpwatch.notify.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

import io.mcpwatch.notify.Links;
import io.mcpwatch.notify.SnsEnvelope;
import io.mcpwatch.notify.testing.TestAlarms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {

  @Test
  void loadOrCreate_generatesOnceThenLoadsTheSameKey(@TempDir Path dir) throws Exception {
    SigningKeys created = SigningKeys.loadOrCreate(dir.resolve("keys"), () -> TestAlarms.T0);
    SigningKeys loaded = SigningKeys.loadOrCreate(dir.resolve("keys"), () -> TestAlarms.T0);

    assertThat(loaded.certificate()).isEqualTo(created.certificate());
    assertThat(loaded.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----\n")
        .isEqualTo(Files.readString(dir.resolve("keys").resolve(SigningKeys.CERT_FILE)));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
        dir.resolve("keys").resolve(SigningKeys.KEY_FILE)))).isEqualTo("rw-------");
    assertThat(created.certificate().getSigAlgName()).isEqualTo("SHA256withRSA");
    created.certificate().checkValidity(java.util.Date.from(TestAlarms.T0));
    String doc = SnsEnvelope.subscriptionConfirmation("m", "t", "arn:aws:sns:r:1:x",
        TestAlarms.T0, Links.of("http://127.0.0.1:1"), created).toJson();
    assertThat(SnsMessageVerifier.verify(doc, loaded.certificate())).isTrue();
    assertThat(created.toString()).doesNotContain("PRIVATE");
  }

  @Test
  void loadOrCreate_onlyOneFilePresent_failsFast(@TempDir Path dir) throws Exception {
    SigningKeys.loadOrCreate(dir, () -> TestAlarms.T0);
    Files.delete(dir.resolve(SigningKeys.KEY_FILE));

    assertThatIOException().isThrownBy(() -> SigningKeys.loadOrCreate(dir, () -> TestAlarms.T0))
        .withMessageContaining("without").withMessageContaining(SigningKeys.KEY_FILE);
  }

  @Test
  void load_keyFromAnotherPair_isRejected(@TempDir Path dir) throws Exception {
    SigningKeys.loadOrCreate(dir.resolve("a"), () -> TestAlarms.T0);
    SigningKeys.loadOrCreate(dir.resolve("b"), () -> TestAlarms.T0);
    Files.copy(dir.resolve("b").resolve(SigningKeys.KEY_FILE),
        dir.resolve("a").resolve(SigningKeys.KEY_FILE),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    assertThatIOException().isThrownBy(() -> SigningKeys.load(dir.resolve("a")))
        .withMessageContaining("cannot load the signing key");
  }
}
