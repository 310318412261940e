package io.mcpwatch.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BearerTokenTest {
  static final String SECRET = "s3cret-token-0123456789";

  @Test
  void matches_onlyTheBearerToken() {
    BearerToken t = BearerToken.of("http.token", SECRET);
    assertThat(t.matches("Bearer " + SECRET)).isTrue();
    assertThat(t.matches("bearer " + SECRET + "  ")).isTrue();
    assertThat(t.matches("Bearer " + SECRET + "x")).isFalse();
    assertThat(t.matches("Bearer " + SECRET.substring(1))).isFalse();
    assertThat(t.matches("Basic " + SECRET)).isFalse();
    assertThat(t.matches(SECRET)).isFalse();
    assertThat(t.matches("Bearer ")).isFalse();
    assertThat(t.matches(null)).isFalse();
  }

  @Test
  void of_rejectsShortOrSpacedTokensNamingKey() {
    assertThatThrownBy(() -> BearerToken.of("http.token", "short"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("http.token: expected at least 16 characters");
    assertThatThrownBy(() -> BearerToken.of("http.token", "has a space in it ok"))
        .hasMessageContaining("printable ASCII without spaces");
  }

  @Test
  void toString_doesNotLeakToken() {
    assertThat(BearerToken.of("k", SECRET).toString()).doesNotContain(SECRET);
  }
}
