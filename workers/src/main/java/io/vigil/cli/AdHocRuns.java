package io.vigil.cli;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.vigil.config.Watchlists;
import io.vigil.model.SourceConfig;
import io.vigil.schedule.JobStart;
import io.vigil.worker.Passes;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;

/** Starting one run of a job from the command line and waiting for it, as `vigil run` and `vigil backfill` do. */
final class AdHocRuns {

  private AdHocRuns() {}

  /** The watchlist row of {@code source}, or a failure that names the rows there are. */
  static SourceConfig row(Watchlists watchlists, String source) {
    return watchlists.sources().stream().filter(row -> row.source().equals(source)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("source " + source + " is not a valid row of the watchlist; "
            + "its valid rows are " + watchlists.sources().stream().map(SourceConfig::source).toList()));
  }

  /**
   * Starts the run under {@code workflowId}, calls {@code waiting} with its stub until it ends and once more after
   * (for progress), and returns its result, or the problem in words.
   */
  static <R> Passes.Outcome<R> run(WorkflowClient client, JobStart start, String workflowId, SourceConfig row,
      Class<R> resultType, Consumer<WorkflowStub> waiting) {
    WorkflowStub stub = client.newUntypedWorkflowStub(start.workflowType(), start.options(workflowId));
    try {
      stub.start(start.input());
      var result = stub.getResultAsync(resultType);
      while (!result.isDone()) {
        waiting.accept(stub);
      }
      waiting.accept(stub);
      return new Passes.Outcome<>(row, result.join(), null);
    } catch (RuntimeException e) {
      return new Passes.Outcome<>(row, null, Passes.describe(e));
    }
  }

  /** An instant given as ISO-8601 ({@code 2026-11-20T06:00:00Z}) or a UTC date ({@code 2026-11-20}). */
  static Instant instant(String text, String option) {
    try {
      return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(option + " '" + text + "' is neither an ISO-8601 instant such as "
          + "2026-11-20T06:00:00Z nor a date such as 2026-11-20");
    }
  }
}
