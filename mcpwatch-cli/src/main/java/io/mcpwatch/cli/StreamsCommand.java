package io.mcpwatch.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code mcpwatch streams}: the Kafka Streams runtime lives in its own jar (Kafka Streams brings
 * RocksDB's native library, about 100 MB), so this jar only says where it is; the {@code
 * ./mcpwatch} launcher runs that jar for {@code mcpwatch streams ...}.
 */
@Command(
    name = "streams",
    description = {
      "Scale out on Kafka Streams (docs/streams.md). It runs from its own jar:"
          + " ./mcpwatch streams run -c FILE builds and starts it; or"
          + " java -jar mcpwatch-streams/target/mcpwatch-streams.jar run -c FILE."
    })
final class StreamsCommand implements Callable<Integer> {
  /** Everything after {@code streams}: passed on to the streams jar's command line. */
  @Unmatched List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    throw new UserError(2, "mcpwatch streams runs from its own jar (Kafka Streams and RocksDB"
        + " are not in mcpwatch.jar): use ./mcpwatch streams " + String.join(" ", args)
        + ", or build it with mvn -pl mcpwatch-streams -am package and run java -jar"
        + " mcpwatch-streams/target/mcpwatch-streams.jar " + String.join(" ", args));
  }
}
