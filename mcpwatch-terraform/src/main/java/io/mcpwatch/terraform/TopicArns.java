package io.mcpwatch.terraform;

import org.jspecify.annotations.Nullable;

/** SNS topic ARNs as the import sees them (region and account do not matter to mcpwatch). */
final class TopicArns {
  private TopicArns() {}

  static final String PREFIX = "arn:aws:sns:us-east-1:000000000000:";

  static String arn(String topicName) {
    return PREFIX + topicName;
  }

  /** The topic name of an SNS topic ARN ({@code arn:aws:sns:REGION:ACCOUNT:NAME}), or null. */
  static @Nullable String topicName(String arn) {
    String[] parts = arn.split(":", -1);
    if (parts.length == 6 && parts[0].equals("arn") && parts[2].equals("sns") && !parts[5].isEmpty()) {
      return parts[5];
    }
    return null;
  }
}
