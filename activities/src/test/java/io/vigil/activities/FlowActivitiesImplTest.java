package io.vigil.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.temporal.failure.ApplicationFailure;
import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.inference.Model;
import io.vigil.model.detection.FlowSourceRequest;
import org.junit.jupiter.api.Test;

class FlowActivitiesImplTest {

  @Test
  void aSnowflakeFlowTableIsValidatedAndNeedsTheSnowflakeSettingsBeforeAnyLogin() {
    try (DuckDbBackend database = DuckDbBackend.inMemory()) {
      FlowActivitiesImpl activities = new FlowActivitiesImpl(database, Model.bundled().card(), VigilMetrics.none());

      ApplicationFailure hostile = assertThrows(ApplicationFailure.class,
          () -> activities.inspectFlows(new FlowSourceRequest("snowflake:Flows; DROP TABLE x")));
      assertEquals("ConfigurationError", hostile.getType());
      assertTrue(hostile.getOriginalMessage().contains("identifier 'Flows; DROP TABLE x'"),
          hostile.getOriginalMessage());

      assumeTrue(System.getenv("SNOWFLAKE_ACCOUNT") == null, "this machine has Snowflake settings");
      ApplicationFailure unset = assertThrows(ApplicationFailure.class,
          () -> activities.inspectFlows(new FlowSourceRequest("snowflake:NETWORK_FLOWS")));
      assertEquals("ConfigurationError", unset.getType());
      assertTrue(unset.getOriginalMessage().contains("SNOWFLAKE_ACCOUNT"), unset.getOriginalMessage());
      assertTrue(unset.isNonRetryable(), "no retry fixes a missing setting");
    }
  }
}
