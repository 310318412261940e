package io.mcpwatch.live;

/** Waits that an interrupt does not cut short: the interrupt is kept for the caller, after the wait. */
final class Uninterruptibly {
  private Uninterruptibly() {}

  /** Something to wait for: a latch, a thread's end. */
  @FunctionalInterface
  interface Wait {
    void await() throws InterruptedException;
  }

  static void await(Wait wait) {
    boolean interrupted = false;
    while (true) {
      try {
        wait.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
