package io.vigil.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.testing.TestActivityEnvironment;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** An activity whose work has no progress points of its own heartbeats while that work runs, and stops after. */
class LivenessHeartbeatTest {

  @ActivityInterface
  public interface SlowActivity {
    @ActivityMethod
    String work(long millis);
  }

  @Test
  void heartbeatsOnceASecondWhileTheWorkRunsAndNotAfter() throws Exception {
    TestActivityEnvironment environment = TestActivityEnvironment.newInstance();
    try {
      AtomicInteger heartbeats = new AtomicInteger();
      environment.setActivityHeartbeatListener(Object.class, details -> heartbeats.incrementAndGet());
      environment.registerActivitiesImplementations((SlowActivity) millis -> LivenessHeartbeat.during(() -> {
        try {
          Thread.sleep(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return "done";
      }));

      assertEquals("done", environment.newActivityStub(SlowActivity.class).work(3_500));
      int whileRunning = heartbeats.get();
      assertTrue(whileRunning >= 2 && whileRunning <= 4, whileRunning + " heartbeats in 3.5 s");
      Thread.sleep(2_000);
      assertEquals(whileRunning, heartbeats.get(), "no heartbeat after the work returned");
    } finally {
      environment.close();
    }
  }
}
