package io.mcpwatch.aws;

import io.mcpwatch.aws.auth.Authenticator;
import io.mcpwatch.aws.auth.Caller;
import io.mcpwatch.aws.wire.AwsError;
import io.mcpwatch.aws.wire.AwsRequest;
import io.mcpwatch.aws.wire.AwsResponse;
import io.mcpwatch.aws.wire.Call;
import io.mcpwatch.aws.wire.Input;
import io.mcpwatch.aws.wire.Operation;
import io.mcpwatch.aws.wire.Protocol;
import io.mcpwatch.aws.wire.Service;
import io.mcpwatch.aws.wire.Text;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The AWS endpoints, transport-free: a request in, a response out. Routes by protocol ({@link
 * Protocol#route}), authenticates ({@link Authenticator}), checks the operation's {@link
 * io.mcpwatch.aws.wire.Access}, decodes the input, calls the service's method and encodes the
 * output or error in the request's protocol. Every answer, errors included, carries {@code
 * x-amzn-RequestId}. Thread-safe.
 */
public final class AwsApi {
  private static final Logger log = LoggerFactory.getLogger(AwsApi.class);

  private final Map<Service, Map<String, Operation>> operations;
  private final Authenticator auth;
  private final Supplier<String> requestIds;

  private AwsApi(
      Map<Service, Map<String, Operation>> operations,
      Authenticator auth,
      Supplier<String> requestIds) {
    this.operations = operations;
    this.auth = auth;
    this.requestIds = requestIds;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Answers one request. Never throws. */
  public AwsResponse handle(AwsRequest request) {
    String id = requestIds.get();
    Protocol.Decoded d = Protocol.route(request);
    Protocol p = d.protocol();
    try {
      Map<String, Operation> ops = operations.get(d.service());
      if (ops == null) {
        throw new AwsError(
            400,
            "UnknownOperationException",
            "mcpwatch does not serve " + d.service().targetPrefix() + " here");
      }
      Operation op = ops.get(d.operation());
      if (op == null) {
        throw new AwsError(
            400,
            "UnknownOperationException",
            d.operation().isEmpty()
                ? "expected the header X-Amz-Target: "
                    + d.service().targetPrefix()
                    + ".<Operation>"
                : "mcpwatch does not implement "
                    + d.service().targetPrefix()
                    + "."
                    + Text.excerpt(d.operation(), 80));
      }
      Caller caller = auth.authenticate(request, d.service());
      if (!caller.may(op.access())) {
        throw new AwsError(
            d.service() == Service.LOGS ? 400 : 403,
            d.service() == Service.LOGS ? "AccessDeniedException" : "AccessDenied",
            "User: "
                + caller.principal()
                + " is not authorized to perform: "
                + d.service().signingName()
                + ":"
                + op.name()
                + " (the credential needs the permission '"
                + op.access().id()
                + "')");
      }
      Call call = p.input(d.service(), d.operation(), d.body());
      ObjectNode out = op.handler().apply(Input.of(call));
      return p.success(out, id);
    } catch (AwsError e) {
      log.debug("{} {}: {} {}", d.service(), d.operation(), e.code(), e.getMessage());
      return p.failure(d.service(), e, id);
    } catch (RuntimeException e) {
      log.error("{} {} failed (request {})", d.service(), d.operation(), id, e);
      return p.failure(
          d.service(),
          new AwsError(
              500,
              d.service() == Service.LOGS ? "ServiceUnavailableException" : "InternalServiceError",
              "internal error; request id " + id),
          id);
    }
  }

  /** The operations served, by service (for documentation and tests). */
  public Map<Service, List<String>> operationNames() {
    Map<Service, List<String>> out = new LinkedHashMap<>();
    operations.forEach((s, ops) -> out.put(s, List.copyOf(ops.keySet())));
    return out;
  }

  /** Collects services and the authenticator. */
  public static final class Builder {
    private final Map<Service, Map<String, Operation>> operations = new EnumMap<>(Service.class);
    private Authenticator auth = Authenticator.open();
    private Supplier<String> requestIds = () -> UUID.randomUUID().toString();

    private Builder() {}

    /** Serves {@code ops} for {@code service} (a service class's {@code operations()}). */
    public Builder serve(Service service, List<Operation> ops) {
      Map<String, Operation> m = operations.computeIfAbsent(service, s -> new LinkedHashMap<>());
      for (Operation o : ops) {
        if (m.putIfAbsent(o.name(), o) != null) {
          throw new IllegalArgumentException("operation " + o.name() + " listed twice");
        }
      }
      return this;
    }

    public Builder auth(Authenticator authenticator) {
      this.auth = Objects.requireNonNull(authenticator, "authenticator");
      return this;
    }

    /** Request ids (default: random UUIDs). */
    public Builder requestIds(Supplier<String> ids) {
      this.requestIds = Objects.requireNonNull(ids, "ids");
      return this;
    }

    public AwsApi build() {
      Map<Service, Map<String, Operation>> copy = new EnumMap<>(Service.class);
      operations.forEach((s, m) -> copy.put(s, Map.copyOf(m)));
      return new AwsApi(copy, auth, requestIds);
    }
  }
}
