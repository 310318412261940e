package io.mcpwatch.storage.state;

import java.time.Instant;

/**
 * One source's stored checkpoint.
 *
 * @param sourceKey the key the run loop committed it under
 * @param checkpoint where the source stands
 * @param updatedAt the commit that last changed it
 */
public record CheckpointView(String sourceKey, SourceCheckpoint checkpoint, Instant updatedAt) {}
