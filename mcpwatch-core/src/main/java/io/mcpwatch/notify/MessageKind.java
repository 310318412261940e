package io.mcpwatch.notify;

/** What an outbox item carries; HTTP deliveries send it as {@code x-amz-sns-message-type}. */
public enum MessageKind {
  NOTIFICATION(SnsEnvelope.NOTIFICATION),
  SUBSCRIPTION_CONFIRMATION(SnsEnvelope.SUBSCRIPTION_CONFIRMATION);

  private final String snsType;

  MessageKind(String snsType) {
    this.snsType = snsType;
  }

  /** The SNS {@code Type}, e.g. {@code Notification}. */
  public String snsType() {
    return snsType;
  }
}
