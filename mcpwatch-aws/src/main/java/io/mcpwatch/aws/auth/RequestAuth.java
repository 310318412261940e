package io.mcpwatch.aws.auth;

import io.mcpwatch.aws.wire.AwsError;
import io.mcpwatch.aws.wire.AwsRequest;
import io.mcpwatch.aws.wire.Service;
import io.mcpwatch.server.web.BearerToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Authenticates with AWS Signature Version 4 against the configured {@link AccessKey}s, or with
 * the bearer token ({@code Authorization: Bearer}, which may do everything). A request needs one
 * of them. The errors are AWS's, per service: for CloudWatch Logs (AWS JSON) 400 {@code
 * MissingAuthenticationTokenException}, {@code UnrecognizedClientException}, {@code
 * IncompleteSignatureException}, {@code InvalidSignatureException} (also "Signature expired");
 * for CloudWatch (query-compatible) 403 {@code MissingAuthenticationToken}, {@code
 * InvalidClientTokenId}, {@code IncompleteSignature}, {@code SignatureDoesNotMatch}. A request
 * whose {@code X-Amz-Date} is more than {@link #MAX_SKEW} away from the server's clock is refused
 * as expired (the SDKs then correct their clock from the {@code Date} header and retry).
 *
 * <p>Signatures are compared in constant time ({@link MessageDigest#isEqual}); secrets appear in
 * no message and no log. Any region is accepted; the scope's service must be the called one
 * ({@code logs}, {@code monitoring}). Presigned URLs (signature in the query) are not accepted.
 */
public final class RequestAuth implements Authenticator {
  public static final Duration MAX_SKEW = Duration.ofMinutes(15);
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Map<String, AccessKey> keys;
  private final @Nullable BearerToken token;
  private final InstantSource clock;

  public RequestAuth(List<AccessKey> keys, @Nullable BearerToken token, InstantSource clock) {
    Map<String, AccessKey> m = new LinkedHashMap<>();
    for (AccessKey k : keys) {
      if (m.put(k.id(), k) != null) {
        throw new IllegalArgumentException("aws.credentials: access key id " + k.id() + " is listed twice");
      }
    }
    this.keys = Map.copyOf(m);
    this.token = token;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Caller authenticate(AwsRequest r, Service service) throws AwsError {
    boolean logs = service == Service.LOGS;
    String authorization = r.header("Authorization");
    if (authorization == null || authorization.isBlank()) {
      throw logs
          ? AwsError.badRequest("MissingAuthenticationTokenException", "Missing Authentication Token")
          : new AwsError(403, "MissingAuthenticationToken", "Missing Authentication Token");
    }
    if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      if (token != null && token.matches(authorization)) {
        return Caller.trusted("bearer");
      }
      throw unrecognized(logs);
    }
    SigV4.Header h = SigV4.parse(authorization);
    if (h == null) {
      throw incomplete(
          logs,
          "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' with the"
              + " algorithm "
              + SigV4.ALGORITHM);
    }
    String amzDate = r.header("X-Amz-Date");
    if (amzDate == null) {
      throw incomplete(logs, "Authorization header requires existence of the X-Amz-Date header");
    }
    Instant signedAt;
    try {
      signedAt = AMZ_DATE.parse(amzDate, Instant::from);
    } catch (DateTimeParseException e) {
      throw incomplete(logs, "X-Amz-Date: expected yyyyMMdd'T'HHmmss'Z'");
    }
    if (!h.terminator().equals("aws4_request") || !amzDate.startsWith(h.date())) {
      throw incomplete(logs, "Credential should be scoped to a valid date, region and service, and end in aws4_request");
    }
    if (!h.service().equals(service.signingName())) {
      throw incomplete(
          logs,
          "Credential should be scoped to correct service: '" + service.signingName() + "'.");
    }
    if (!h.signedHeaders().contains("host") || !h.signedHeaders().contains("x-amz-date")) {
      throw incomplete(logs, "SignedHeaders must include host and x-amz-date");
    }
    AccessKey key = keys.get(h.accessKeyId());
    if (key == null) {
      throw unrecognized(logs);
    }
    Instant now = clock.instant();
    if (signedAt.isBefore(now.minus(MAX_SKEW)) || signedAt.isAfter(now.plus(MAX_SKEW))) {
      String message =
          signedAt.isBefore(now)
              ? "Signature expired: "
                  + amzDate
                  + " is now earlier than "
                  + AMZ_DATE.format(now.minus(MAX_SKEW))
                  + " ("
                  + AMZ_DATE.format(now)
                  + " - 15 min.)"
              : "Signature not yet current: "
                  + amzDate
                  + " is still later than "
                  + AMZ_DATE.format(now.plus(MAX_SKEW))
                  + " ("
                  + AMZ_DATE.format(now)
                  + " + 15 min.)";
      throw logs
          ? AwsError.badRequest("InvalidSignatureException", message)
          : new AwsError(403, "SignatureDoesNotMatch", message);
    }
    String bodyHash = SigV4.hex(SigV4.sha256(r.body()));
    String claimed = r.header("X-Amz-Content-Sha256");
    String payloadHash = bodyHash;
    if (claimed != null) {
      if (!claimed.equals(SigV4.UNSIGNED) && !claimed.equalsIgnoreCase(bodyHash)) {
        throw mismatch(logs);
      }
      payloadHash = claimed;
    }
    String canonical = SigV4.canonicalRequest(r, h.signedHeaders(), payloadHash);
    String scope = h.date() + "/" + h.region() + "/" + h.service() + "/" + h.terminator();
    String expected =
        SigV4.signature(
            key.keyPrefix(),
            h.date(),
            h.region(),
            h.service(),
            SigV4.stringToSign(amzDate, scope, canonical));
    boolean equal =
        MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.US_ASCII),
            h.signature().getBytes(StandardCharsets.US_ASCII));
    if (!equal) {
      throw mismatch(logs);
    }
    return new Caller(key.id(), key.access());
  }

  private static AwsError unrecognized(boolean logs) {
    String m = "The security token included in the request is invalid.";
    return logs
        ? AwsError.badRequest("UnrecognizedClientException", m)
        : new AwsError(403, "InvalidClientTokenId", m);
  }

  private static AwsError incomplete(boolean logs, String m) {
    return logs
        ? AwsError.badRequest("IncompleteSignatureException", m)
        : new AwsError(400, "IncompleteSignature", m);
  }

  private static AwsError mismatch(boolean logs) {
    String m =
        "The request signature we calculated does not match the signature you provided. Check"
            + " your AWS Secret Access Key and signing method. Consult the service documentation"
            + " for details.";
    return logs
        ? AwsError.badRequest("InvalidSignatureException", m)
        : new AwsError(403, "SignatureDoesNotMatch", m);
  }
}
