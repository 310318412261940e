package io.mcpwatch.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpwatch.notify.http.SigningKeys;
import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.state.ServiceRun;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SNS signing key is loaded on its own thread while the service starts, or made after the start
 * on a fresh data directory ({@link BackgroundSigningKeys}); the files, the certificate served and
 * the errors are those of {@link SigningKeys#loadOrCreate}, as when it was loaded on the start-up
 * path.
 */
class SigningKeyStartTest {
  @TempDir Path dir;

  private static String certificate(LiveService s) throws Exception {
    URI uri = s.httpUri().resolve("/sns/SimpleNotificationService-mcpwatch.pem");
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).GET()
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  private Path keys() {
    return dir.resolve("mcpwatch-data/keys");
  }

  @Test
  void start_freshDataDirectory_savesTheKey_andTheNextStartServesTheSameCertificate()
      throws Exception {
    String first;
    try (ServiceFixture f = new ServiceFixture(dir, "jsonl", "none", true)) {
      first = certificate(f.start());
    }
    String key = Files.readString(keys().resolve(SigningKeys.KEY_FILE));
    assertThat(Files.readString(keys().resolve(SigningKeys.CERT_FILE))).isEqualTo(first);
    X509Certificate cert = SigningKeys.parseCertificate(first);
    assertThat(cert.getSubjectX500Principal().getName()).contains("mcpwatch SNS message signing");

    try (ServiceFixture f = new ServiceFixture(dir, "jsonl", "none", true)) {
      assertThat(certificate(f.start())).isEqualTo(first);
    }
    assertThat(Files.readString(keys().resolve(SigningKeys.KEY_FILE))).isEqualTo(key);
    // the reloaded key signs what the served certificate verifies
    SigningKeys loaded = SigningKeys.load(keys());
    java.security.Signature v = java.security.Signature.getInstance("SHA256withRSA");
    v.initVerify(cert.getPublicKey());
    v.update(new byte[] {1, 2, 3});
    assertThat(v.verify(loaded.sign(new byte[] {1, 2, 3}))).isTrue();
  }

  @Test
  void start_keyWithoutCertificate_failsAsBefore_startsNothing_andReleasesTheDatabase()
      throws Exception {
    try (ServiceFixture f = new ServiceFixture(dir, "jsonl", "none", true)) {
      f.start(); // creates the database and the key
    }
    Files.delete(keys().resolve(SigningKeys.CERT_FILE));
    Path db = dir.resolve("mcpwatch-data/mcpwatch.db");
    java.time.Instant stoppedBefore;
    try (Database d = Database.openReadOnly(io.mcpwatch.storage.DatabaseConfig.sqlite(db))) {
      stoppedBefore = ServiceRun.last(d).orElseThrow().stoppedAt();
    }

    try (ServiceFixture f = new ServiceFixture(dir, "jsonl", "none", true)) {
      assertThatThrownBy(f::start).isInstanceOf(ServiceException.class)
          .hasMessageStartingWith("cannot start: found ")
          .hasMessageContaining(SigningKeys.KEY_FILE + " without ")
          .hasMessageContaining("delete both to create a new signing key");
    }

    try (Database d = Database.openReadOnly(io.mcpwatch.storage.DatabaseConfig.sqlite(db))) {
      assertThat(stoppedBefore).isNotNull();
      assertThat(ServiceRun.last(d).orElseThrow().stoppedAt()).isEqualTo(stoppedBefore);
    }
    Files.delete(keys().resolve(SigningKeys.KEY_FILE));
    try (ServiceFixture f = new ServiceFixture(dir, "jsonl", "none", true)) {
      assertThat(certificate(f.start())).contains("BEGIN CERTIFICATE"); // the lock was released
    }
    assertThat(keys().resolve(SigningKeys.CERT_FILE)).exists();
  }

  @Test
  void start_freshDataDirectory_stoppedAtOnce_theKeyIsSavedBeforeTheLockIsReleased()
      throws Exception {
    try (ServiceFixture f = new ServiceFixture(dir, "jsonl", "none", true)) {
      f.start().stop(); // the new key is made after the start; the stop awaits it
      assertThat(keys().resolve(SigningKeys.KEY_FILE)).exists();
      assertThat(keys().resolve(SigningKeys.CERT_FILE)).exists();
    }
    SigningKeys saved = SigningKeys.load(keys());
    try (ServiceFixture f = new ServiceFixture(dir, "jsonl", "none", true)) {
      assertThat(certificate(f.start())).isEqualTo(saved.certificatePem());
    }
  }

  @Test
  void start_freshDataDirectory_whereTheKeysCannotGo_failsToStart_andReleasesTheDatabase()
      throws Exception {
    Files.createDirectories(keys().getParent());
    Files.writeString(keys(), "not a directory");
    try (ServiceFixture f = new ServiceFixture(dir, "jsonl", "none", true)) {
      assertThatThrownBy(f::start).isInstanceOf(ServiceException.class)
          .hasMessage("cannot start: cannot make the signing key in " + keys() + ": " + keys()
              + " is a file, not a directory");
    }
    Files.delete(keys());
    try (ServiceFixture f = new ServiceFixture(dir, "jsonl", "none", true)) {
      assertThat(certificate(f.start())).contains("BEGIN CERTIFICATE"); // the lock was released
    }
  }
}
