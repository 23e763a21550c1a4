package io.vigil.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.inference.Model;
import io.vigil.model.detection.FlowActivities;
import io.vigil.model.detection.FlowSourceRequest;
import org.junit.jupiter.api.Test;

class FlowActivitiesImplTest {

  @Test
  void aSnowflakeFlowTableIsValidatedAndNeedsTheSnowflakeSettingsBeforeAnyLogin() {
    TestActivityEnvironment environment = TestActivityEnvironment.newInstance();
    try (DuckDbBackend database = DuckDbBackend.inMemory()) {
      environment.registerActivitiesImplementations(
          new FlowActivitiesImpl(database, Model.bundled().card(), VigilMetrics.none()));
      FlowActivities activities = environment.newActivityStub(FlowActivities.class);

      ApplicationFailure hostile = failure(
          () -> activities.inspectFlows(new FlowSourceRequest("snowflake:Flows; DROP TABLE x")));
      assertEquals("ConfigurationError", hostile.getType());
      assertTrue(hostile.getOriginalMessage().contains("identifier 'Flows; DROP TABLE x'"),
          hostile.getOriginalMessage());

      assumeTrue(System.getenv("SNOWFLAKE_ACCOUNT") == null, "this machine has Snowflake settings");
      ApplicationFailure unset = failure(() -> activities.inspectFlows(new FlowSourceRequest("snowflake:NETWORK_FLOWS")));
      assertEquals("ConfigurationError", unset.getType());
      assertTrue(unset.getOriginalMessage().contains("SNOWFLAKE_ACCOUNT"), unset.getOriginalMessage());
      assertTrue(unset.isNonRetryable(), "no retry fixes a missing setting");
    } finally {
      environment.close();
    }
  }

  /** The application failure an activity call ended with, as the workflow would see it. */
  private static ApplicationFailure failure(org.junit.jupiter.api.function.Executable call) {
    return (ApplicationFailure) assertThrows(ActivityFailure.class, call).getCause();
  }
}
