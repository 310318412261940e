package io.mcpwatch.aws.wire;

/**
 * The two AWS services mcpwatch speaks, with their wire names.
 *
 * <p>{@link #LOGS}: CloudWatch Logs, AWS JSON 1.1 only ({@code X-Amz-Target: Logs_20140328.Op}).
 * {@link #CLOUDWATCH}: CloudWatch, AWS JSON 1.0 ({@code X-Amz-Target:
 * GraniteServiceVersion20100801.Op}, botocore and the AWS CLI) and Smithy RPC v2 CBOR ({@code
 * POST /service/GraniteServiceVersion20100801/operation/Op}, the AWS SDK for Java 2.x).
 */
public enum Service {
  LOGS("logs", "Logs_20140328", "com.amazonaws.logs"),
  CLOUDWATCH("monitoring", "GraniteServiceVersion20100801", "com.amazonaws.cloudwatch");

  private final String signingName;
  private final String targetPrefix;
  private final String namespace;

  Service(String signingName, String targetPrefix, String namespace) {
    this.signingName = signingName;
    this.targetPrefix = targetPrefix;
    this.namespace = namespace;
  }

  /** The service name in a SigV4 credential scope ({@code logs}, {@code monitoring}). */
  public String signingName() {
    return signingName;
  }

  /** The X-Amz-Target prefix (and the Smithy service name of the RPC v2 path). */
  public String targetPrefix() {
    return targetPrefix;
  }

  /** The Smithy namespace qualifying error codes in {@code __type}. */
  public String namespace() {
    return namespace;
  }
}
