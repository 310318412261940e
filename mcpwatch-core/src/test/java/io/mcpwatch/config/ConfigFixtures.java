package io.mcpwatch.config;

/** Public test access to the relaxed-JSON tree builder for other test packages. */
public final class ConfigFixtures {
  private ConfigFixtures() {}

  public static ConfigNode parse(String relaxedJson) {
    return Trees.parse(relaxedJson);
  }

  /** The ADR-0003 configuration with working patterns (see {@code ConfigResolverTest}). */
  public static String adr() {
    return ConfigResolverTest.ADR;
  }
}
