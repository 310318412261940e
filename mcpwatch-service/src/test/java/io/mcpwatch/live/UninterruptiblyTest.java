package io.mcpwatch.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class UninterruptiblyTest {

  @Test
  void await_interruptedWhileWaiting_stillWaitsAndKeepsTheInterrupt() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    boolean[] keptInterrupt = new boolean[1];
    long[] remaining = new long[1];
    Thread waiter = new Thread(() -> {
      started.countDown();
      Uninterruptibly.await(done::await);
      remaining[0] = done.getCount();
      keptInterrupt[0] = Thread.currentThread().isInterrupted();
    });
    waiter.start();
    started.await();
    waiter.interrupt(); // before or during the wait: either way it must not end it
    waiter.interrupt();
    assertThat(waiter.isAlive()).isTrue();
    done.countDown();
    waiter.join();
    assertThat(remaining[0]).as("it returned only once the latch opened").isZero();
    assertThat(keptInterrupt[0]).isTrue();
  }
}
