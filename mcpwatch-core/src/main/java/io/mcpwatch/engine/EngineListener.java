package io.mcpwatch.engine;

/**
 * Receives what the engine decides, synchronously on the thread that called {@link Engine#ingest}
 * or {@link Engine#tick}. The engine's state is already updated when a callback runs; an exception
 * thrown by a callback propagates to that caller.
 */
@FunctionalInterface
public interface EngineListener {

  /** A listener that ignores everything. */
  EngineListener NONE = t -> {};

  /** An alarm changed state (scheduled evaluation or early firing). */
  void onTransition(AlarmTransition transition);
}
