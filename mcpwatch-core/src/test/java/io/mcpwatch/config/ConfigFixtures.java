package io.mcpwatch.config;

/** Public test access to the relaxed-JSON tree builder for other test packages. */
public final class ConfigFixtures {
  private ConfigFixtures() {}

  public static ConfigNode parse(String relaxedJson) {
    return Trees.parse(relaxedJson);
  }

  /**
   * A small configuration (environments dev and prod, apps sharepoint and teams; teams in prod
   * only) with the given live-service lines (line 7 on) inside its top-level map.
   */
  public static String withService(String... lines) {
    return ServiceConfig.text(lines);
  }

  /** The ADR-0003 configuration with working patterns (see {@code ConfigResolverTest}). */
  public static String adr() {
    return ConfigResolverTest.ADR;
  }
}
