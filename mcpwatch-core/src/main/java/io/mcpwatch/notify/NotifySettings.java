package io.mcpwatch.notify;

import java.time.Duration;
import java.util.Objects;

/**
 * Service-wide notification settings.
 *
 * @param region the region code used in ARNs and (as a long name) in subjects, e.g. {@code
 *     eu-west-1}; lower-case letters, digits and dashes
 * @param accountId the 12-digit account id in ARNs and {@code AWSAccountId}; default {@code
 *     000000000000}
 * @param links where mcpwatch's own confirm/unsubscribe/certificate/alarm endpoints are
 * @param tokenValidity how long a confirmation link works; default 2 days (spec 4.1, 6 #16)
 * @param pendingExpiry how long an unconfirmed subscription is kept after its (latest)
 *     confirmation request; default 48 hours (spec 4.1, 6 #17)
 * @param maxTriggerLines how many triggering log lines an e-mail shows at most; default 5
 * @param defaultSenderName the e-mail display name when a topic has no {@code displayName};
 *     default {@code mcpwatch Notifications} (SNS uses {@code AWS Notifications})
 * @param regionName the place named in e-mails and subjects ("... in the REGIONNAME region");
 *     {@code null} (default) uses AWS's long name of {@code region}, e.g. {@code EU (Ireland)}.
 *     ARNs keep {@code region}
 */
public record NotifySettings(
    String region,
    String accountId,
    Links links,
    Duration tokenValidity,
    Duration pendingExpiry,
    int maxTriggerLines,
    String defaultSenderName,
    @org.jspecify.annotations.Nullable String regionName) {

  public static final String DEFAULT_ACCOUNT_ID = "000000000000";

  public NotifySettings {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(links, "links");
    Objects.requireNonNull(tokenValidity, "tokenValidity");
    Objects.requireNonNull(pendingExpiry, "pendingExpiry");
    Objects.requireNonNull(defaultSenderName, "defaultSenderName");
    if (region.isEmpty() || !region.chars().allMatch(c -> (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9') || c == '-')) {
      throw new IllegalArgumentException(
          "region: expected a region code like eu-west-1; found " + Text.quoteForMessage(region));
    }
    if (accountId.length() != 12 || !accountId.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException(
          "accountId: expected 12 digits; found " + Text.quoteForMessage(accountId));
    }
    if (tokenValidity.isNegative() || tokenValidity.isZero()) {
      throw new IllegalArgumentException("tokenValidity: expected a positive duration");
    }
    if (pendingExpiry.isNegative() || pendingExpiry.isZero()) {
      throw new IllegalArgumentException("pendingExpiry: expected a positive duration");
    }
    if (maxTriggerLines < 0 || maxTriggerLines > 100) {
      throw new IllegalArgumentException(
          "maxTriggerLines: expected 0 to 100; found " + maxTriggerLines);
    }
    if (regionName != null
        && (regionName.isBlank() || regionName.length() > 100 || Text.hasUnsafe(regionName))) {
      throw new IllegalArgumentException(
          "regionName: expected 1 to 100 characters without control characters");
    }
    if (defaultSenderName.isBlank() || defaultSenderName.length() > 100
        || Text.hasUnsafe(defaultSenderName)) {
      throw new IllegalArgumentException(
          "defaultSenderName: expected 1 to 100 characters without control characters");
    }
  }

  /** Defaults: account {@code 000000000000}, 2-day tokens, 48 h expiry, 5 log lines. */
  public static NotifySettings of(String region, String publicBaseUrl) {
    return new NotifySettings(
        region,
        DEFAULT_ACCOUNT_ID,
        Links.of(publicBaseUrl),
        Duration.ofDays(2),
        Duration.ofHours(48),
        5,
        "mcpwatch Notifications",
        null);
  }

  public NotifySettings withAccountId(String accountId) {
    return new NotifySettings(region, accountId, links, tokenValidity, pendingExpiry,
        maxTriggerLines, defaultSenderName, regionName);
  }

  public NotifySettings withLinks(Links links) {
    return new NotifySettings(region, accountId, links, tokenValidity, pendingExpiry,
        maxTriggerLines, defaultSenderName, regionName);
  }

  public NotifySettings withExpiry(Duration tokenValidity, Duration pendingExpiry) {
    return new NotifySettings(region, accountId, links, tokenValidity, pendingExpiry,
        maxTriggerLines, defaultSenderName, regionName);
  }

  public NotifySettings withMaxTriggerLines(int maxTriggerLines) {
    return new NotifySettings(region, accountId, links, tokenValidity, pendingExpiry,
        maxTriggerLines, defaultSenderName, regionName);
  }

  /** See {@link #regionName()}; {@code null}: AWS's long name of the region. */
  public NotifySettings withRegionName(@org.jspecify.annotations.Nullable String regionName) {
    return new NotifySettings(region, accountId, links, tokenValidity, pendingExpiry,
        maxTriggerLines, defaultSenderName, regionName);
  }

  /**
   * The place named in e-mails and subjects: {@link #regionName()} if set, else the region's long
   * name, e.g. {@code EU (Ireland)}.
   */
  public String regionLongName() {
    return regionName != null ? regionName : Regions.longName(region);
  }

  /** The topic's ARN. */
  public String topicArn(String topicName) {
    return Arns.topic(region, accountId, topicName);
  }

  /** The alarm's ARN. */
  public String alarmArn(String alarmName) {
    return Arns.alarm(region, accountId, alarmName);
  }

  /**
   * An action as configured (a topic name or an SNS topic ARN) as the ARN CloudWatch lists in
   * {@code AlarmActions} and friends.
   */
  public String actionArn(String action) {
    return Arns.isSnsArn(action) ? action : topicArn(action);
  }
}
