package io.mcpwatch.notify;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The links mcpwatch puts into messages, all pointing at its OWN HTTP endpoints (never at AWS).
 * The HTTP server must serve these paths:
 *
 * <ul>
 *   <li>{@code GET <confirmPath>?TopicArn=..&Token=..[&Endpoint=..]}: calls {@link
 *       SubscriptionManager#confirm(String, String)} (the SNS SubscribeURL and the e-mail "Confirm
 *       subscription" link);
 *   <li>{@code GET <unsubscribePath>?SubscriptionArn=..[&Endpoint=..]}: calls {@link
 *       SubscriptionManager#unsubscribe(String)};
 *   <li>{@code GET <certificatePath>}: the PEM signing certificate (SigningCertURL);
 *   <li>{@code GET <alarmPath><url-encoded alarm name>}: the alarm's page (the e-mail's and chat
 *       message's alarm link).
 * </ul>
 *
 * @param baseUrl e.g. {@code http://127.0.0.1:8787} (a trailing slash is removed)
 * @param confirmPath default {@code /sns/confirm}
 * @param unsubscribePath default {@code /sns/unsubscribe}
 * @param certificatePath default {@code /sns/SimpleNotificationService-mcpwatch.pem}
 * @param alarmPath default {@code /alarms/}
 */
public record Links(
    String baseUrl,
    String confirmPath,
    String unsubscribePath,
    String certificatePath,
    String alarmPath) {

  public Links {
    Objects.requireNonNull(baseUrl, "baseUrl");
    if (!(baseUrl.startsWith("http://") || baseUrl.startsWith("https://"))
        || Text.hasUnsafe(baseUrl)
        || baseUrl.contains(" ")
        || baseUrl.contains("?")
        || baseUrl.contains("#")) {
      throw new IllegalArgumentException(
          "publicBaseUrl: expected an http:// or https:// URL without query, e.g."
              + " http://127.0.0.1:8787; found " + Text.quoteForMessage(baseUrl));
    }
    while (baseUrl.endsWith("/")) {
      baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
    }
    for (String p : new String[] {confirmPath, unsubscribePath, certificatePath, alarmPath}) {
      if (!p.startsWith("/") || Text.hasUnsafe(p) || p.contains(" ") || p.contains("?")) {
        throw new IllegalArgumentException(
            "link path: expected an absolute path like /sns/confirm; found "
                + Text.quoteForMessage(p));
      }
    }
  }

  /** The default paths under {@code baseUrl}. */
  public static Links of(String baseUrl) {
    return new Links(
        baseUrl,
        "/sns/confirm",
        "/sns/unsubscribe",
        "/sns/SimpleNotificationService-mcpwatch.pem",
        "/alarms/");
  }

  /** The confirmation link (SNS SubscribeURL); {@code email} is added for e-mail subscriptions. */
  public String confirm(String topicArn, String token, @Nullable String email) {
    return baseUrl + confirmPath + "?TopicArn=" + encode(topicArn) + "&Token=" + encode(token)
        + (email == null ? "" : "&Endpoint=" + encode(email));
  }

  /** The unsubscribe link (SNS UnsubscribeURL); {@code email} is added for e-mail subscriptions. */
  public String unsubscribe(String subscriptionArn, @Nullable String email) {
    return baseUrl + unsubscribePath + "?SubscriptionArn=" + encode(subscriptionArn)
        + (email == null ? "" : "&Endpoint=" + encode(email));
  }

  /** The SigningCertURL. */
  public String signingCertificate() {
    return baseUrl + certificatePath;
  }

  /** The alarm's page. */
  public String alarm(String alarmName) {
    return baseUrl + alarmPath + encode(alarmName);
  }

  /**
   * RFC 3986 percent-encoding of UTF-8 bytes: everything but {@code A-Z a-z 0-9 - . _ ~} is
   * encoded, so the result can never contain a space, a quote, CR or LF.
   */
  public static String encode(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xFF;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~') {
        b.append((char) c);
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return b.toString();
  }
}
