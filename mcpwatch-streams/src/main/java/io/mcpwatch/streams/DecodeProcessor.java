package io.mcpwatch.streams;

import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.engine.LogEvent;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.jspecify.annotations.Nullable;

/**
 * Decodes input records ({@link InputDecoder}) and re-keys them by log group; the record keeps
 * the input record's timestamp (the event time travels in the value).
 */
final class DecodeProcessor implements Processor<byte[], byte[], String, LogEvent> {
  private final InputDecoder decoder;
  private @Nullable ProcessorContext<String, LogEvent> context;

  DecodeProcessor(List<ResolvedAlarm> alarms) {
    this.decoder = new InputDecoder(alarms);
  }

  @Override
  public void init(ProcessorContext<String, LogEvent> ctx) {
    this.context = ctx;
  }

  @Override
  public void process(Record<byte[], byte[]> r) {
    LogEvent e = decoder.decode(r.key(), r.value(), r.timestamp());
    if (e != null && context != null) {
      context.forward(new Record<>(e.logGroup(), e, r.timestamp()));
    }
  }
}
