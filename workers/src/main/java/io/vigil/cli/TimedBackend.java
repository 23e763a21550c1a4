package io.vigil.cli;

import io.vigil.backend.Backend;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A backend that passes every call to another and measures them, for the benchmarks: how many calls there were,
 * their summed duration, and the wall time during which at least one was in flight. The rest of a measured wall
 * time is spent outside the backend, in the workflow and activity machinery. A dynamic proxy, so that each method
 * of {@link Backend} (default methods included, which the delegate may override) is timed without a hand-written
 * forwarder per method.
 */
final class TimedBackend {

  private final Object lock = new Object();
  private final Map<String, MethodTime> byMethod = new ConcurrentHashMap<>();
  private int inFlight;
  private long busySince;
  private long busyNanos;

  /** The measured view of {@code delegate}; it closes {@code delegate} when closed. */
  Backend around(Backend delegate) {
    return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
        (proxy, method, args) -> {
          long started = enter();
          try {
            return method.invoke(delegate, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          } finally {
            leave(method.getName(), started);
          }
        });
  }

  private long enter() {
    long now = System.nanoTime();
    synchronized (lock) {
      if (inFlight++ == 0) {
        busySince = now;
      }
    }
    return now;
  }

  private void leave(String method, long started) {
    long now = System.nanoTime();
    byMethod.computeIfAbsent(method, name -> new MethodTime()).add(now - started);
    synchronized (lock) {
      if (--inFlight == 0) {
        busyNanos += now - busySince;
      }
    }
  }

  /** Starts the figures again from zero. */
  void reset() {
    byMethod.clear();
    synchronized (lock) {
      busyNanos = 0;
      busySince = System.nanoTime();
    }
  }

  long calls() {
    return byMethod.values().stream().mapToLong(MethodTime::calls).sum();
  }

  /** The calls' durations added up; concurrent calls each count, so this can exceed the wall time. */
  double summedSeconds() {
    return byMethod.values().stream().mapToDouble(MethodTime::seconds).sum();
  }

  /** Calls and summed seconds per method of {@link Backend}, the costliest first. */
  List<Map.Entry<String, MethodTime>> byMethod() {
    return byMethod.entrySet().stream()
        .sorted(Comparator.comparingDouble((Map.Entry<String, MethodTime> entry) -> entry.getValue().seconds())
            .reversed())
        .toList();
  }

  /** Wall time since {@link #reset} with at least one call in flight, the one in progress included. */
  double busySeconds() {
    synchronized (lock) {
      return (busyNanos + (inFlight > 0 ? System.nanoTime() - busySince : 0)) / 1e9;
    }
  }

  /** The calls of one method and their summed duration. */
  static final class MethodTime {
    private final LongAdder calls = new LongAdder();
    private final LongAdder nanos = new LongAdder();

    private void add(long durationNanos) {
      calls.increment();
      nanos.add(durationNanos);
    }

    long calls() {
      return calls.sum();
    }

    double seconds() {
      return nanos.sum() / 1e9;
    }
  }
}
