package io.mcpwatch.aws;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.mcpwatch.aws.wire.AwsRequest;
import io.mcpwatch.aws.wire.AwsResponse;
import io.mcpwatch.server.ingest.BoundedBody;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mounts an {@link AwsApi} on Javalin: {@code POST /} (AWS JSON 1.0 and 1.1, by {@code
 * X-Amz-Target}) and {@code POST /service/*} (Smithy RPC v2 CBOR). Give {@link #routes} to {@code
 * HttpServer.Builder.aws}; the server then leaves {@code POST /} to these routes.
 */
public final class AwsRoutes {
  private static final Logger log = LoggerFactory.getLogger(AwsRoutes.class);

  private final AwsApi api;
  private final long maxBodyBytes;

  private AwsRoutes(AwsApi api, long maxBodyBytes) {
    this.api = api;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** The route registration for {@code api}; bodies over {@code maxBodyBytes} are refused. */
  public static Consumer<JavalinConfig> routes(AwsApi api, long maxBodyBytes) {
    AwsRoutes r = new AwsRoutes(Objects.requireNonNull(api, "api"), maxBodyBytes);
    return cfg -> {
      cfg.routes.post("/", r::handle);
      cfg.routes.post("/service/*", r::handle);
    };
  }

  private void handle(Context ctx) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : Collections.list(ctx.req().getHeaderNames())) {
      headers.put(name, new ArrayList<>(Collections.list(ctx.req().getHeaders(name))));
    }
    BoundedBody.Result body;
    try {
      body =
          BoundedBody.read(
              ctx.req().getInputStream(),
              ctx.req().getContentLengthLong(),
              ctx.header("Content-Encoding"),
              maxBodyBytes);
    } catch (IOException e) {
      log.debug("AWS request: reading the body failed: {}", e.toString());
      body = new BoundedBody.Undecodable(400, "the request body could not be read");
    }
    if (!(body instanceof BoundedBody.Read)) {
      String message =
          body instanceof BoundedBody.TooLarge
              ? "the request body exceeds " + ((BoundedBody.TooLarge) body).limit() + " bytes"
              : ((BoundedBody.Undecodable) body).message();
      int status =
          body instanceof BoundedBody.TooLarge ? 413 : ((BoundedBody.Undecodable) body).status();
      ctx.status(status);
      ctx.header("x-amzn-RequestId", UUID.randomUUID().toString());
      ctx.header("Connection", "close");
      ctx.contentType("application/x-amz-json-1.1");
      ctx.result(
          ("{\"__type\":\"SerializationException\",\"message\":\""
                  + message.replace("\\", "\\\\").replace("\"", "\\\"")
                  + "\"}")
              .getBytes(StandardCharsets.UTF_8));
      return;
    }
    String query = ctx.req().getQueryString();
    AwsResponse a =
        api.handle(
            new AwsRequest(
                ctx.method().name(),
                ctx.req().getRequestURI(),
                query == null ? "" : query,
                headers,
                ((BoundedBody.Read) body).bytes()));
    ctx.status(a.status());
    ctx.contentType(a.contentType());
    a.headers().forEach(ctx::header);
    ctx.result(a.body());
  }
}
