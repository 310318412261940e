package io.mcpwatch.server.subscribe;

import static io.mcpwatch.server.subscribe.Pages.link;
import static io.mcpwatch.server.subscribe.Pages.p;
import static io.mcpwatch.server.subscribe.Pages.page;

import io.mcpwatch.notify.ConfirmResult;
import io.mcpwatch.notify.Links;
import io.mcpwatch.notify.Subscription;
import io.mcpwatch.notify.UnsubscribeResult;
import io.mcpwatch.server.web.Answer;
import io.mcpwatch.server.web.Escape;
import io.mcpwatch.server.web.Query;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscription links to answers (transport-free; thread-safe if the actions are).
 *
 * <p>HTML pages: 200 for a confirmed (or already confirmed) subscription and for a removed (or
 * already removed) one; 400 for a missing or oversized parameter and for unsubscribing a pending
 * subscription (SNS refuses that too); 404 for an unknown token or subscription; 410 for an expired
 * token; 500 when the actions fail. The SNS query-API forms answer SNS's XML with 400
 * (InvalidParameter) or 404 (NotFound) errors.
 */
public final class SubscriptionPages {
  /** Longest accepted parameter (ARNs and tokens are far shorter). */
  static final int MAX_PARAMETER = 2048;

  private static final Logger log = LoggerFactory.getLogger(SubscriptionPages.class);

  private final SubscriptionActions actions;
  private final Links links;
  private final Supplier<@Nullable String> certificatePem;

  /**
   * @param actions confirm and unsubscribe
   * @param links where the pages live (for the unsubscribe link on the confirmation page)
   * @param certificatePem the signing certificate in PEM, or a supplier of null when there is none
   */
  public SubscriptionPages(
      SubscriptionActions actions, Links links, Supplier<@Nullable String> certificatePem) {
    this.actions = Objects.requireNonNull(actions, "actions");
    this.links = Objects.requireNonNull(links, "links");
    this.certificatePem = Objects.requireNonNull(certificatePem, "certificatePem");
  }

  public Links links() {
    return links;
  }

  /** {@code GET /confirmation.html?TopicArn=..&Token=..[&Endpoint=..]}. */
  public Answer confirmPage(Map<String, List<String>> query) {
    String topicArn = Query.nonEmpty(query, "TopicArn");
    String token = Query.nonEmpty(query, "Token");
    if (topicArn == null || token == null) {
      return page(
          400,
          "Incomplete link",
          p(
              "This confirmation link is incomplete: it needs the TopicArn and Token parameters."
                  + " Copy the whole link from the message."));
    }
    if (tooLong(topicArn, token)) {
      return page(400, "Invalid link", p("This confirmation link is not valid."));
    }
    ConfirmResult r;
    try {
      r = actions.confirm(topicArn, token);
    } catch (RuntimeException e) {
      log.error("confirm subscription failed for topic {}", Escape.quoted(topicArn, 200), e);
      return page(
          500,
          "Something went wrong",
          p("The subscription could not be confirmed. Please try the link again later."));
    }
    Subscription s = r.subscription();
    switch (r.outcome()) {
      case CONFIRMED:
      case ALREADY_CONFIRMED:
        if (s == null) {
          break;
        }
        return page(
            200,
            "Subscription confirmed!",
            p("You have successfully subscribed."),
            p("Your subscription's id is:", s.arn()),
            link(
                "If it was not your intention to subscribe, ",
                links.unsubscribe(s.arn(), s.protocol().isEmail() ? s.endpoint() : null),
                "click here to unsubscribe",
                "."));
      case EXPIRED:
        return page(
            410,
            "Link expired",
            p("This confirmation link for the topic below has expired:", topicArn),
            p("Ask the operator of this mcpwatch instance to send a new confirmation request."));
      default:
        break;
    }
    return page(
        404,
        "Invalid token",
        p("No pending subscription to the topic below matches this link:", topicArn),
        p("The subscription may have been removed, or it expired unconfirmed and was dropped."));
  }

  /** {@code GET /unsubscribe.html?SubscriptionArn=..[&Endpoint=..]}. */
  public Answer unsubscribePage(Map<String, List<String>> query) {
    String arn = Query.nonEmpty(query, "SubscriptionArn");
    if (arn == null) {
      return page(
          400,
          "Incomplete link",
          p(
              "This unsubscribe link is incomplete: it needs the SubscriptionArn parameter."
                  + " Copy the whole link from the message."));
    }
    if (tooLong(arn)) {
      return page(400, "Invalid link", p("This unsubscribe link is not valid."));
    }
    UnsubscribeResult r;
    try {
      r = actions.unsubscribe(arn);
    } catch (RuntimeException e) {
      log.error("unsubscribe failed for {}", Escape.quoted(arn, 200), e);
      return page(
          500,
          "Something went wrong",
          p("The subscription could not be removed. Please try the link again later."));
    }
    Subscription s = r.subscription();
    switch (r.outcome()) {
      case UNSUBSCRIBED:
      case ALREADY_UNSUBSCRIBED:
        if (s == null) {
          break;
        }
        String forEndpoint = s.protocol().isEmail() ? " for endpoint " + s.endpoint() : "";
        return page(
            200,
            "Subscription removed!",
            p(
                "Your subscription to the topic below has been deactivated" + forEndpoint + ":",
                s.topicArn()),
            p("You will not receive notifications from this topic any more."));
      case PENDING_CONFIRMATION:
        return page(
            400,
            "Subscription pending",
            p("Cannot unsubscribe a subscription that is pending confirmation:", arn),
            p("If nobody confirms it, it expires on its own."));
      default:
        break;
    }
    return page(
        404,
        "Subscription not found",
        p("No subscription matches this link:", arn),
        p("It may already have been removed from the configuration."));
  }

  /**
   * {@code GET /?Action=ConfirmSubscription&TopicArn=..&Token=..} and {@code
   * ?Action=Unsubscribe&SubscriptionArn=..}: the SNS query API forms used as SubscribeURL and
   * UnsubscribeURL in HTTP envelopes, answered with SNS's XML.
   */
  public Answer queryApi(Map<String, List<String>> query) {
    String action = Query.nonEmpty(query, "Action");
    if ("ConfirmSubscription".equals(action)) {
      return confirmXml(query);
    }
    if ("Unsubscribe".equals(action)) {
      return unsubscribeXml(query);
    }
    return Pages.snsError(
        400,
        action == null ? "MissingAction" : "InvalidAction",
        "Action: expected ConfirmSubscription or Unsubscribe"
            + (action == null ? "" : "; found " + Escape.quoted(action, 60)));
  }

  private Answer confirmXml(Map<String, List<String>> query) {
    String topicArn = Query.nonEmpty(query, "TopicArn");
    String token = Query.nonEmpty(query, "Token");
    if (topicArn == null || token == null || tooLong(topicArn, token)) {
      return Pages.snsError(
          400, "InvalidParameter", "ConfirmSubscription needs the TopicArn and Token parameters");
    }
    ConfirmResult r;
    try {
      r = actions.confirm(topicArn, token);
    } catch (RuntimeException e) {
      log.error("confirm subscription failed for topic {}", Escape.quoted(topicArn, 200), e);
      return Pages.snsError(500, "InternalError", "the subscription could not be confirmed");
    }
    Subscription s = r.subscription();
    if ((r.outcome() == ConfirmResult.Outcome.CONFIRMED
            || r.outcome() == ConfirmResult.Outcome.ALREADY_CONFIRMED)
        && s != null) {
      return Pages.snsResult(
          "ConfirmSubscription",
          "  <ConfirmSubscriptionResult>\n"
              + "    <SubscriptionArn>"
              + Escape.xml(s.arn())
              + "</SubscriptionArn>\n"
              + "  </ConfirmSubscriptionResult>\n");
    }
    return Pages.snsError(
        400,
        "InvalidParameter",
        r.outcome() == ConfirmResult.Outcome.EXPIRED ? "Token expired" : "Invalid token");
  }

  private Answer unsubscribeXml(Map<String, List<String>> query) {
    String arn = Query.nonEmpty(query, "SubscriptionArn");
    if (arn == null || tooLong(arn)) {
      return Pages.snsError(
          400, "InvalidParameter", "Unsubscribe needs the SubscriptionArn parameter");
    }
    UnsubscribeResult r;
    try {
      r = actions.unsubscribe(arn);
    } catch (RuntimeException e) {
      log.error("unsubscribe failed for {}", Escape.quoted(arn, 200), e);
      return Pages.snsError(500, "InternalError", "the subscription could not be removed");
    }
    switch (r.outcome()) {
      case UNSUBSCRIBED:
      case ALREADY_UNSUBSCRIBED:
        return Pages.snsResult("Unsubscribe", "");
      case PENDING_CONFIRMATION:
        return Pages.snsError(
            400,
            "InvalidParameter",
            "Cannot unsubscribe a subscription that is pending confirmation");
      default:
        return Pages.snsError(404, "NotFound", "Subscription does not exist");
    }
  }

  /** {@code GET <certificatePath>}: the PEM signing certificate, 404 when none is configured. */
  public Answer certificate() {
    String pem = certificatePem.get();
    if (pem == null) {
      return Answer.of(404, Answer.TEXT, "no signing certificate is configured\n");
    }
    return Answer.of(200, "application/x-pem-file", pem)
        .withHeader("Cache-Control", "public, max-age=3600")
        .withHeader("X-Content-Type-Options", "nosniff");
  }

  private static boolean tooLong(String... values) {
    for (String v : values) {
      if (v.length() > MAX_PARAMETER) {
        return true;
      }
    }
    return false;
  }
}
