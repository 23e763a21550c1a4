package io.vigil.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Released when the JVM is asked to stop (Ctrl-C, SIGTERM). The shutdown hook then waits until the latch itself is
 * closed, which try-with-resources does after everything opened after it, so the DuckDB file is checkpointed and
 * closed before the JVM exits. (Joining the command's thread instead would deadlock once it calls System.exit.)
 */
final class ShutdownLatch implements AutoCloseable {

  private final CountDownLatch stop = new CountDownLatch(1);
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Thread hook;

  ShutdownLatch() {
    hook = new Thread(() -> {
      stop.countDown();
      try {
        closed.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "vigil-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Waits up to {@code timeout}; true when a stop was asked for. */
  boolean await(Duration timeout) throws InterruptedException {
    return stop.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  void await() throws InterruptedException {
    stop.await();
  }

  @Override
  public void close() {
    closed.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException alreadyStopping) {
      // The hook is running: it waits for this thread to finish closing.
    }
  }
}
