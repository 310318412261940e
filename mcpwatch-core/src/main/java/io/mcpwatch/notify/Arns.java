package io.mcpwatch.notify;

/** ARN spellings CloudWatch and SNS use, with mcpwatch's configured region and account. */
public final class Arns {
  private Arns() {}

  /** {@code arn:aws:sns:<region>:<account>:<topic>}. */
  public static String topic(String region, String accountId, String topicName) {
    return "arn:aws:sns:" + region + ":" + accountId + ":" + topicName;
  }

  /** {@code arn:aws:cloudwatch:<region>:<account>:alarm:<name>} (the name is not escaped). */
  public static String alarm(String region, String accountId, String alarmName) {
    return "arn:aws:cloudwatch:" + region + ":" + accountId + ":alarm:" + alarmName;
  }

  /** {@code <topicArn>:<subscription id>}. */
  public static String subscription(String topicArn, String subscriptionId) {
    return topicArn + ":" + subscriptionId;
  }

  /** Whether {@code action} is spelled as an SNS topic ARN rather than a bare topic name. */
  static boolean isSnsArn(String action) {
    return action.startsWith("arn:aws:sns:");
  }
}
