package io.mcpwatch.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpwatch.notify.http.SigningKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start waits for existing key files, never for a new key (an RSA-2048 key costs 0.2 to 2 s of
 * CPU with the C1 compiler alone): {@link BackgroundSigningKeys}.
 */
class BackgroundSigningKeysTest {
  @TempDir Path dir;

  private Path keys() {
    return dir.resolve("keys");
  }

  private static boolean verifies(SigningKeys cert, BackgroundSigningKeys signer) throws Exception {
    Signature v = Signature.getInstance("SHA256withRSA");
    v.initVerify(cert.certificate().getPublicKey());
    v.update(new byte[] {4, 2});
    return v.verify(signer.sign(new byte[] {4, 2}));
  }

  @Test
  void freshDirectory_theStartMakesNoKey_itIsMadeAndSavedAfterwards() throws Exception {
    BackgroundSigningKeys k = BackgroundSigningKeys.start(keys(), InstantSource.system());
    k.awaitForStart();
    // what the start waited for: the directory, writable; no key yet
    assertThat(keys()).isDirectory();
    assertThat(keys().resolve(SigningKeys.KEY_FILE)).doesNotExist();
    assertThat(keys().resolve(SigningKeys.CERT_FILE)).doesNotExist();
    try (var files = Files.list(keys())) {
      assertThat(files).as("the write test leaves nothing").isEmpty();
    }

    k.generateInBackground();
    SigningKeys made = k.await();
    k.settle();
    SigningKeys saved = SigningKeys.load(keys());
    assertThat(saved.certificatePem()).isEqualTo(made.certificatePem()).isEqualTo(k.certificatePem());
    assertThat(verifies(saved, k)).isTrue();
  }

  @Test
  void freshDirectory_aSignatureBeforeTheBackgroundStart_makesTheKeyThen() throws Exception {
    BackgroundSigningKeys k = BackgroundSigningKeys.start(keys(), InstantSource.system());
    k.awaitForStart();
    byte[] signature = k.sign(new byte[] {1}); // the planner of an HTTP delivery, say
    assertThat(signature).hasSize(256);
    k.settle();
    assertThat(verifies(SigningKeys.load(keys()), k)).isTrue();
  }

  @Test
  void existingFiles_theStartWaitsForThem_andSignsWithThem() throws Exception {
    SigningKeys.loadOrCreate(keys(), InstantSource.system());
    String pem = SigningKeys.load(keys()).certificatePem();

    BackgroundSigningKeys k = BackgroundSigningKeys.start(keys(), InstantSource.system());
    k.awaitForStart();
    assertThat(k.certificatePem()).isEqualTo(pem);
    assertThat(verifies(SigningKeys.load(keys()), k)).isTrue();
  }

  @Test
  void aKeyWithoutItsCertificate_failsTheStart_asBefore() throws Exception {
    SigningKeys.loadOrCreate(keys(), InstantSource.system());
    Files.delete(keys().resolve(SigningKeys.CERT_FILE));

    BackgroundSigningKeys k = BackgroundSigningKeys.start(keys(), InstantSource.system());
    assertThatThrownBy(k::awaitForStart)
        .isInstanceOf(IOException.class)
        .hasMessageContaining(SigningKeys.KEY_FILE + " without ")
        .hasMessageContaining("delete both to create a new signing key");
  }

  @Test
  void freshDirectory_thatCannotBeMade_failsTheStart() throws Exception {
    Files.writeString(keys(), "a file where the key directory goes");

    BackgroundSigningKeys k = BackgroundSigningKeys.start(keys(), InstantSource.system());
    assertThatThrownBy(k::awaitForStart)
        .isInstanceOf(IOException.class)
        .hasMessage("cannot make the signing key in " + keys() + ": " + keys()
            + " is a file, not a directory");
    k.settle();
    assertThat(keys()).isRegularFile();
  }

  @Test
  void settledBeforeAnyKeyWasNeeded_makesNoneLater_andASignatureFailsInsteadOfWaiting()
      throws Exception {
    BackgroundSigningKeys k = BackgroundSigningKeys.start(keys(), InstantSource.system());
    k.awaitForStart();
    k.settle(); // the service stopped

    k.generateInBackground();
    assertThatThrownBy(() -> k.sign(new byte[] {1}))
        .hasRootCauseInstanceOf(IllegalStateException.class)
        .hasStackTraceContaining("stopped before it made a signing key");
    assertThat(keys().resolve(SigningKeys.KEY_FILE)).doesNotExist();
  }
}
