package io.mcpwatch.engine;

/**
 * Engine counters since creation.
 *
 * @param ingestedEvents events passed to {@link Engine#ingest}
 * @param unknownLogGroupEvents events for a log group no filter reads
 * @param filterErrors observations that threw (a filter bug; the event is skipped for that filter)
 * @param notPublished matches that published nothing (value or dimension not extractable)
 * @param droppedSamples samples ignored: older than the retention horizon, non-finite, or for a
 *     metric (dimension combination) no alarm watches
 * @param evaluations alarm evaluations run at boundaries
 */
public record EngineStats(
    long ingestedEvents,
    long unknownLogGroupEvents,
    long filterErrors,
    long notPublished,
    long droppedSamples,
    long evaluations) {}
