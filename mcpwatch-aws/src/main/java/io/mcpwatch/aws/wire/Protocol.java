package io.mcpwatch.aws.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The wire protocols: each decodes a request into a {@link Call} and encodes an output tree or an
 * {@link AwsError} into a response. Nothing here knows what an operation means.
 *
 * <ul>
 *   <li>{@link #AWS_JSON_1_1}: CloudWatch Logs. {@code POST /}, {@code X-Amz-Target:
 *       Logs_20140328.Op}, JSON body; errors {@code {"__type": "Code", "message"}}.
 *   <li>{@link #AWS_JSON_1_0}: CloudWatch for botocore (the AWS CLI). {@code X-Amz-Target:
 *       GraniteServiceVersion20100801.Op}; errors carry {@code x-amzn-query-error: Code;Sender}
 *       (CloudWatch is {@code awsQueryCompatible}), which botocore reads as the error code.
 *   <li>{@link #RPC_V2_CBOR}: CloudWatch for the AWS SDK for Java 2.x. {@code POST
 *       /service/GraniteServiceVersion20100801/operation/Op}, {@code smithy-protocol: rpc-v2-cbor},
 *       CBOR bodies, timestamps as tag 1.
 * </ul>
 */
public enum Protocol {
  AWS_JSON_1_1("application/x-amz-json-1.1"),
  AWS_JSON_1_0("application/x-amz-json-1.0"),
  RPC_V2_CBOR("application/cbor");

  /**
   * CloudWatch's modelled errors: the query code (what {@code x-amzn-query-error} and botocore
   * show) to the Smithy shape name (what {@code __type} names, and the SDKs map to exception
   * classes).
   */
  private static final Map<String, String> CLOUDWATCH_SHAPES =
      Map.of(
          "InvalidParameterValue", "InvalidParameterValueException",
          "MissingParameter", "MissingRequiredParameterException",
          "InvalidParameterCombination", "InvalidParameterCombinationException",
          "InvalidFormat", "InvalidFormatFault",
          "LimitExceeded", "LimitExceededFault",
          "InternalServiceError", "InternalServiceFault");

  static final String CBOR_PATH = "/service/" + Service.CLOUDWATCH.targetPrefix() + "/operation/";

  private final String contentType;

  Protocol(String contentType) {
    this.contentType = contentType;
  }

  public String contentType() {
    return contentType;
  }

  /** A decoded request, or the error to answer in {@link #protocol}. */
  public record Decoded(Protocol protocol, Service service, String operation, byte[] body) {}

  /**
   * Which protocol and operation a request is, from its path and headers only (the body is parsed
   * later by {@link #input}, after authentication). Null when the request is no AWS call.
   */
  public static Decoded route(AwsRequest r) {
    if (r.rawPath().startsWith(CBOR_PATH)) {
      return new Decoded(
          RPC_V2_CBOR, Service.CLOUDWATCH, r.rawPath().substring(CBOR_PATH.length()), r.body());
    }
    String target = r.header("X-Amz-Target");
    String t = target == null ? "" : target.strip();
    int dot = t.indexOf('.');
    String prefix = dot < 0 ? t : t.substring(0, dot);
    String op = dot < 0 ? "" : t.substring(dot + 1);
    if (prefix.equals(Service.CLOUDWATCH.targetPrefix())) {
      return new Decoded(AWS_JSON_1_0, Service.CLOUDWATCH, op, r.body());
    }
    if (prefix.equals(Service.LOGS.targetPrefix())) {
      return new Decoded(AWS_JSON_1_1, Service.LOGS, op, r.body());
    }
    String ct = r.header("Content-Type");
    Protocol p = ct != null && ct.startsWith("application/x-amz-json-1.0") ? AWS_JSON_1_0 : AWS_JSON_1_1;
    Service s = p == AWS_JSON_1_0 ? Service.CLOUDWATCH : Service.LOGS;
    return new Decoded(p, s, "", r.body());
  }

  /** Parses the body into the call's input tree (an empty body is an empty input). */
  public Call input(Service service, String operation, byte[] body) throws AwsError {
    if (body.length == 0) {
      return new Call(service, operation, Trees.object());
    }
    JsonNode root;
    try {
      root = this == RPC_V2_CBOR ? Trees.CBOR.readTree(body) : Trees.JSON.readTree(body);
    } catch (JacksonException e) {
      throw AwsError.badRequest(
          "SerializationException",
          "the body is not valid " + (this == RPC_V2_CBOR ? "CBOR" : "JSON") + ": " + reason(e));
    }
    if (root == null || root.isNull() || root.isMissingNode()) {
      return new Call(service, operation, Trees.object());
    }
    if (!root.isObject()) {
      throw AwsError.badRequest("SerializationException", "expected a structure as the request body");
    }
    return new Call(service, operation, (ObjectNode) root);
  }

  /** The 200 answer carrying {@code output}. */
  public AwsResponse success(ObjectNode output, String requestId) {
    return new AwsResponse(200, contentType, headers(requestId), bytes(output));
  }

  /** The error answer. */
  public AwsResponse failure(Service service, AwsError e, String requestId) {
    ObjectNode o = Trees.object();
    boolean cloudWatch = service == Service.CLOUDWATCH;
    String shape = cloudWatch ? CLOUDWATCH_SHAPES.getOrDefault(e.code(), e.code()) : e.code();
    o.put("__type", cloudWatch ? service.namespace() + "#" + shape : shape);
    o.put("message", e.getMessage());
    Map<String, String> h = headers(requestId);
    // the SDKs read this before __type: it must name the shape, not the query code
    h.put("x-amzn-ErrorType", shape);
    if (service == Service.CLOUDWATCH) {
      h.put("x-amzn-query-error", e.code() + ";" + (e.sender() ? "Sender" : "Receiver"));
    }
    return new AwsResponse(e.status(), contentType, h, bytes(o));
  }

  private Map<String, String> headers(String requestId) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("x-amzn-RequestId", requestId);
    if (this == RPC_V2_CBOR) {
      h.put("smithy-protocol", "rpc-v2-cbor");
    }
    return h;
  }

  private byte[] bytes(JsonNode tree) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator gen =
        this == RPC_V2_CBOR ? Trees.CBOR.createGenerator(out) : Trees.JSON.createGenerator(out)) {
      Trees.write(gen, tree);
    }
    return out.toByteArray();
  }

  private static String reason(JacksonException e) {
    String m = e.getOriginalMessage();
    return Text.excerpt(m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(""), 160);
  }

  /** A JSON body as text (tests). */
  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
