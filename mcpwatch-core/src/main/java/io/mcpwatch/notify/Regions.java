package io.mcpwatch.notify;

import java.util.Map;

/**
 * Region codes to the long names CloudWatch puts into alarm subjects and messages. CloudWatch still
 * uses the old "EU (...)" style, not the console's "Europe (...)" (spec 4.3). Names confirmed from
 * captured messages: us-east-1, us-west-2, eu-west-1, eu-west-2, eu-central-1, ap-northeast-1,
 * ap-southeast-2, ap-southeast-1, ca-central-1; the others follow the same pattern [INFERRED].
 */
public final class Regions {
  private static final Map<String, String> LONG_NAMES =
      Map.ofEntries(
          Map.entry("us-east-1", "US East (N. Virginia)"),
          Map.entry("us-east-2", "US East (Ohio)"),
          Map.entry("us-west-1", "US West (N. California)"),
          Map.entry("us-west-2", "US West (Oregon)"),
          Map.entry("af-south-1", "Africa (Cape Town)"),
          Map.entry("ap-east-1", "Asia Pacific (Hong Kong)"),
          Map.entry("ap-east-2", "Asia Pacific (Taipei)"),
          Map.entry("ap-south-1", "Asia Pacific (Mumbai)"),
          Map.entry("ap-south-2", "Asia Pacific (Hyderabad)"),
          Map.entry("ap-southeast-1", "Asia Pacific (Singapore)"),
          Map.entry("ap-southeast-2", "Asia Pacific (Sydney)"),
          Map.entry("ap-southeast-3", "Asia Pacific (Jakarta)"),
          Map.entry("ap-southeast-4", "Asia Pacific (Melbourne)"),
          Map.entry("ap-southeast-5", "Asia Pacific (Malaysia)"),
          Map.entry("ap-southeast-7", "Asia Pacific (Thailand)"),
          Map.entry("ap-northeast-1", "Asia Pacific (Tokyo)"),
          Map.entry("ap-northeast-2", "Asia Pacific (Seoul)"),
          Map.entry("ap-northeast-3", "Asia Pacific (Osaka)"),
          Map.entry("ca-central-1", "Canada (Central)"),
          Map.entry("ca-west-1", "Canada West (Calgary)"),
          Map.entry("eu-central-1", "EU (Frankfurt)"),
          Map.entry("eu-central-2", "EU (Zurich)"),
          Map.entry("eu-west-1", "EU (Ireland)"),
          Map.entry("eu-west-2", "EU (London)"),
          Map.entry("eu-west-3", "EU (Paris)"),
          Map.entry("eu-north-1", "EU (Stockholm)"),
          Map.entry("eu-south-1", "EU (Milan)"),
          Map.entry("eu-south-2", "EU (Spain)"),
          Map.entry("il-central-1", "Israel (Tel Aviv)"),
          Map.entry("me-south-1", "Middle East (Bahrain)"),
          Map.entry("me-central-1", "Middle East (UAE)"),
          Map.entry("mx-central-1", "Mexico (Central)"),
          Map.entry("sa-east-1", "South America (Sao Paulo)"),
          Map.entry("us-gov-east-1", "AWS GovCloud (US-East)"),
          Map.entry("us-gov-west-1", "AWS GovCloud (US-West)"),
          Map.entry("cn-north-1", "China (Beijing)"),
          Map.entry("cn-northwest-1", "China (Ningxia)"));

  private Regions() {}

  /** The long name, or the code itself for a region the table does not know (e.g. {@code local}). */
  public static String longName(String regionCode) {
    return LONG_NAMES.getOrDefault(regionCode, regionCode);
  }
}
