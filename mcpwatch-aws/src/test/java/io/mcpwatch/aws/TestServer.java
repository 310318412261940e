package io.mcpwatch.aws;

import io.mcpwatch.aws.auth.Authenticator;
import io.mcpwatch.aws.cloudwatch.CloudWatchService;
import io.mcpwatch.aws.logs.LogGroupDirectory;
import io.mcpwatch.aws.logs.LogsService;
import io.mcpwatch.aws.logs.LogsSettings;
import io.mcpwatch.aws.logs.MetricFilterCatalog;
import io.mcpwatch.aws.wire.Service;
import io.mcpwatch.pattern.MetricTransformation;
import io.mcpwatch.server.HttpServer;
import io.mcpwatch.server.ServerSettings;
import io.mcpwatch.server.ingest.IngestLimits;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * A real mcpwatch HTTP server on 127.0.0.1 with the AWS routes mounted, and SDK clients for it.
 * Configured log groups: {@code /mcp/github}, {@code /mcp/files}; CreateLogGroup may add names
 * under {@code /mcp/}.
 */
final class TestServer implements AutoCloseable {
  static final String KEY_ID = "AKIDMCPWATCHTEST01";
  static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

  final CountingSink sink = new CountingSink();
  final FakeReadModel model = new FakeReadModel();
  final LogsService logs;
  final HttpServer http;

  TestServer() {
    this(UnaryOperator.identity(), Authenticator.open());
  }

  TestServer(UnaryOperator<AwsApi.Builder> more, Authenticator auth) {
    logs =
        new LogsService(
            LogsSettings.defaults(),
            LogGroupDirectory.of(List.of("/mcp/github", "/mcp/files"), n -> n.startsWith("/mcp/")),
            () ->
                List.of(
                    new MetricFilterCatalog.Filter(
                        "github-denied",
                        "/mcp/github",
                        "{ $.event = \"denied\" }",
                        new MetricTransformation(
                            "Denied", "MCP/Security", "1", 0.0, Map.of(), "Count"),
                        1_700_000_000_000L)),
            sink,
            InstantSource.system());
    AwsApi api =
        more.apply(
                AwsApi.builder()
                    .serve(Service.LOGS, logs.operations())
                    .serve(
                        Service.CLOUDWATCH,
                        new CloudWatchService(model, "us-east-1", "000000000000", InstantSource.system())
                            .operations())
                    .auth(auth))
            .build();
    ServerSettings settings =
        new ServerSettings("127.0.0.1", 0, null, IngestLimits.defaults(), Duration.ZERO, 16);
    HttpServer.Builder b = HttpServer.builder(settings).ingest(sink);
    if (!Boolean.getBoolean("mcpwatch.test.legacyIngest")) {
      b.aws(AwsRoutes.routes(api, settings.limits().maxBodyBytes()));
    }
    http = b.start();
  }

  URI uri() {
    return http.baseUri();
  }

  CloudWatchLogsClient logsClient() {
    return logsClient(KEY_ID, SECRET, true);
  }

  /** A Logs client; {@code sdkRetries} false: one attempt per call (the caller's rules apply). */
  CloudWatchLogsClient logsClient(String keyId, String secret, boolean sdkRetries) {
    return CloudWatchLogsClient.builder()
        .endpointOverride(uri())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret)))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(
            ClientOverrideConfiguration.builder()
                .retryStrategy(
                    sdkRetries ? AwsRetryStrategy.standardRetryStrategy() : AwsRetryStrategy.doNotRetry())
                .build())
        .build();
  }

  CloudWatchClient cloudWatchClient() {
    return CloudWatchClient.builder()
        .endpointOverride(uri())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET)))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(
            ClientOverrideConfiguration.builder().retryStrategy(AwsRetryStrategy.doNotRetry()).build())
        .build();
  }

  @Override
  public void close() {
    http.close();
  }
}
