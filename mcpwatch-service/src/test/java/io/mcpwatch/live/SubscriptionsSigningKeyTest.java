package io.mcpwatch.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.notify.http.SigningKeys;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Subscriptions} (the {@code subscriptions} commands, {@code demo}) makes a fresh data
 * directory's signing key only when a signature needs it: {@code demo} clears its data directory
 * every time, and made an RSA key (up to 2 s of CPU under C1) before it started.
 */
class SubscriptionsSigningKeyTest {
  @TempDir Path dir;

  private Path keyFile() {
    return dir.resolve("mcpwatch-data/keys").resolve(SigningKeys.KEY_FILE);
  }

  @Test
  void freshDataDirectory_emailSubscribersOnly_noKeyIsMade() throws Exception {
    ServiceFixture f = new ServiceFixture(dir, "jsonl", "none", false);
    try (Subscriptions subs = Subscriptions.open(f.plan.loaded(), f.clock)) {
      assertThat(subs.subscribeConfirmed(f.plan.topics())).isEqualTo(1);
    }
    assertThat(keyFile()).doesNotExist();
  }

  @Test
  void freshDataDirectory_anHttpSubscriber_itsSignedConfirmationMakesAndSavesTheKey()
      throws Exception {
    String yaml = ServiceFixture.YAML.replace(
        "      - email: owners@example.com\n",
        "      - email: owners@example.com\n      - http: http://127.0.0.1:9/sns\n");
    ServiceFixture f = new ServiceFixture(dir, yaml, java.time.InstantSource.system());
    try (Subscriptions subs = Subscriptions.open(f.plan.loaded(), f.clock)) {
      assertThat(subs.subscribeConfirmed(f.plan.topics())).isEqualTo(2);
    }
    assertThat(keyFile()).exists();
    SigningKeys saved = SigningKeys.load(keyFile().getParent());
    assertThat(saved.certificatePem()).contains("BEGIN CERTIFICATE");

    // the next open loads the same key
    try (Subscriptions subs = Subscriptions.open(f.plan.loaded(), f.clock)) {
      assertThat(subs.list()).hasSize(2);
    }
    assertThat(SigningKeys.load(keyFile().getParent()).certificatePem())
        .isEqualTo(saved.certificatePem());
  }
}
