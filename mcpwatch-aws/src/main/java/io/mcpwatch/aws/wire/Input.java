package io.mcpwatch.aws.wire;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads an operation's input members with AWS's validation errors ({@code 1 validation error
 * detected: Value ... at 'member' failed to satisfy constraint: ...}). The error code is the
 * service's: {@code InvalidParameterException} for Logs, {@code InvalidParameterValue} and {@code
 * MissingParameter} for CloudWatch.
 */
public final class Input {
  private final JsonNode node;
  private final String path;
  private final String invalidCode;
  private final String missingCode;

  private Input(JsonNode node, String path, String invalidCode, String missingCode) {
    this.node = node;
    this.path = path;
    this.invalidCode = invalidCode;
    this.missingCode = missingCode;
  }

  /** The input of {@code call}, with the error codes of its service. */
  public static Input of(Call call) {
    return call.service() == Service.LOGS
        ? new Input(call.input(), "", "InvalidParameterException", "InvalidParameterException")
        : new Input(call.input(), "", "InvalidParameterValue", "MissingParameter");
  }

  /** An input over a plain tree (tests). */
  public static Input of(ObjectNode node, Service service) {
    return of(new Call(service, "", node));
  }

  private String at(String member) {
    return path.isEmpty() ? member : path + "." + member;
  }

  private @Nullable JsonNode get(String member) {
    JsonNode v = node.get(member);
    return v == null || v.isNull() || v.isMissingNode() ? null : v;
  }

  /** Whether the member is present (and not null). */
  public boolean has(String member) {
    return get(member) != null;
  }

  /** AWS's "failed to satisfy constraint" error for {@code member}. */
  public AwsError invalid(String member, String constraint) {
    JsonNode v = get(member);
    String shown = v == null ? "null" : "'" + Text.excerpt(v.isString() ? v.stringValue() : v.toString(), 100) + "'";
    return AwsError.badRequest(
        invalidCode,
        "1 validation error detected: Value "
            + shown
            + " at '"
            + at(member)
            + "' failed to satisfy constraint: "
            + constraint);
  }

  /** A missing required member. */
  public AwsError missing(String member) {
    return AwsError.badRequest(
        missingCode,
        "1 validation error detected: Value null at '"
            + at(member)
            + "' failed to satisfy constraint: Member must not be null");
  }

  /** A general invalid-parameter error with the service's code. */
  public AwsError error(String message) {
    return AwsError.badRequest(invalidCode, message);
  }

  public String string(String member) throws AwsError {
    String s = optString(member);
    if (s == null) {
      throw missing(member);
    }
    return s;
  }

  public @Nullable String optString(String member) throws AwsError {
    JsonNode v = get(member);
    if (v == null) {
      return null;
    }
    if (!v.isString()) {
      throw invalid(member, "Member must be a string");
    }
    return v.stringValue();
  }

  /** A string of {@code min}-{@code max} characters. */
  public @Nullable String optString(String member, int min, int max) throws AwsError {
    String s = optString(member);
    if (s != null && (s.length() < min || s.length() > max)) {
      throw invalid(
          member,
          "Member must have length "
              + (s.length() < min ? "greater than or equal to " + min : "less than or equal to " + max));
    }
    return s;
  }

  public @Nullable Long optLong(String member) throws AwsError {
    JsonNode v = get(member);
    if (v == null) {
      return null;
    }
    if (v.isString()) {
      try {
        return Long.parseLong(v.stringValue().strip());
      } catch (NumberFormatException e) {
        throw invalid(member, "Member must be an integer");
      }
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw invalid(member, "Member must be an integer");
    }
    return v.longValue();
  }

  /** An integer in {@code [min, max]}, or {@code dflt} when absent. */
  public int optInt(String member, int min, int max, int dflt) throws AwsError {
    Long v = optLong(member);
    if (v == null) {
      return dflt;
    }
    if (v < min) {
      throw invalid(member, "Member must have value greater than or equal to " + min);
    }
    if (v > max) {
      throw invalid(member, "Member must have value less than or equal to " + max);
    }
    return v.intValue();
  }

  public @Nullable Double optDouble(String member) throws AwsError {
    JsonNode v = get(member);
    if (v == null) {
      return null;
    }
    if (v.isString()) {
      try {
        return Double.parseDouble(v.stringValue().strip());
      } catch (NumberFormatException e) {
        throw invalid(member, "Member must be a number");
      }
    }
    if (!v.isNumber()) {
      throw invalid(member, "Member must be a number");
    }
    return v.doubleValue();
  }

  public boolean optBoolean(String member, boolean dflt) throws AwsError {
    JsonNode v = get(member);
    if (v == null) {
      return dflt;
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isString() && (v.stringValue().equals("true") || v.stringValue().equals("false"))) {
      return v.stringValue().equals("true");
    }
    throw invalid(member, "Member must be a boolean");
  }

  /** A timestamp: epoch seconds (JSON, CBOR tag 1) or ISO 8601 (query protocol). */
  public @Nullable Instant optTimestamp(String member) throws AwsError {
    JsonNode v = get(member);
    if (v == null) {
      return null;
    }
    if (v.isNumber()) {
      double s = v.doubleValue();
      if (!Double.isFinite(s) || Math.abs(s) > 3.0e11) {
        throw invalid(member, "Member must be a timestamp");
      }
      long millis = Math.round(s * 1000.0);
      return Instant.ofEpochMilli(millis);
    }
    if (v.isString()) {
      String t = v.stringValue().strip();
      try {
        return OffsetDateTime.parse(t).toInstant();
      } catch (DateTimeException e) {
        try {
          return Instant.parse(t);
        } catch (DateTimeException e2) {
          throw invalid(member, "Member must be a timestamp (epoch seconds or ISO 8601)");
        }
      }
    }
    throw invalid(member, "Member must be a timestamp");
  }

  public Instant timestamp(String member) throws AwsError {
    Instant t = optTimestamp(member);
    if (t == null) {
      throw missing(member);
    }
    return t;
  }

  /** The list member's items as inputs (empty when absent). */
  public List<Input> list(String member) throws AwsError {
    JsonNode v = get(member);
    List<Input> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (!v.isArray()) {
      throw invalid(member, "Member must be a list");
    }
    int i = 0;
    for (JsonNode item : v.values()) {
      i++;
      out.add(new Input(item, at(member) + ".member." + i, invalidCode, missingCode));
    }
    return out;
  }

  /** The list member's strings (empty when absent). */
  public List<String> strings(String member) throws AwsError {
    List<String> out = new ArrayList<>();
    for (Input i : list(member)) {
      if (!i.node.isString()) {
        throw invalid(member, "Member must be a list of strings");
      }
      out.add(i.node.stringValue());
    }
    return out;
  }

  /** A structure member, or null. */
  public @Nullable Input optObject(String member) throws AwsError {
    JsonNode v = get(member);
    if (v == null) {
      return null;
    }
    if (!v.isObject()) {
      throw invalid(member, "Member must be a structure");
    }
    return new Input(v, at(member), invalidCode, missingCode);
  }

  public Input object(String member) throws AwsError {
    Input i = optObject(member);
    if (i == null) {
      throw missing(member);
    }
    return i;
  }

  /** The raw node (for lists of scalars). */
  public JsonNode node() {
    return node;
  }
}
