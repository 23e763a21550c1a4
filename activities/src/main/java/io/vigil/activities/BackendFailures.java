package io.vigil.activities;

import io.vigil.backend.ConfigurationException;
import io.vigil.backend.WriteConflictException;
import io.vigil.model.VigilFailure;
import java.util.function.Supplier;

/** Maps backend exceptions onto the failure types the workflows and the Temporal UI show; every activity uses it. */
final class BackendFailures {

  private BackendFailures() {}

  static <T> T translated(Supplier<T> work) {
    try {
      return work.get();
    } catch (ConfigurationException | IllegalArgumentException e) {
      // A bad name or a range off the bin grid: retrying cannot change the answer.
      throw VigilFailure.CONFIGURATION_ERROR.failure(e.getMessage());
    } catch (WriteConflictException e) {
      throw VigilFailure.WRITE_CONFLICT.failure(e.getMessage(), e);
    } catch (IllegalStateException e) {
      throw VigilFailure.BACKEND_UNAVAILABLE.failure(e.getMessage(), e);
    }
  }
}
