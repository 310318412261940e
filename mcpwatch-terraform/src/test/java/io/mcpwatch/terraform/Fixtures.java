package io.mcpwatch.terraform;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;

/** Paths of the test fixtures under src/test/resources. */
final class Fixtures {
  private Fixtures() {}

  /** The fixture directory {@code name} (e.g. {@code adr/infra/modules/mcp_server}). */
  static Path path(String name) {
    try {
      return Path.of(Objects.requireNonNull(Fixtures.class.getResource("/" + name)).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
