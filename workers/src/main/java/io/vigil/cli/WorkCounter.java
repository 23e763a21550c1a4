package io.vigil.cli;

import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.workflow.Workflow;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts on the worker side what Temporal executed, for the benchmarks: workflow runs (each run of a workflow
 * continued as new counts, however often the worker rebuilds it from its history) and activity attempts.
 */
final class WorkCounter extends WorkerInterceptorBase {

  private final Set<String> runs = ConcurrentHashMap.newKeySet();
  private final LongAdder activityAttempts = new LongAdder();

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WorkflowInboundCallsInterceptorBase(next) {
      @Override
      public WorkflowOutput execute(WorkflowInput input) {
        // Recording the run here has no effect on the workflow's commands, so replays stay deterministic.
        runs.add(Workflow.getInfo().getRunId());
        return super.execute(input);
      }
    };
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      @Override
      public ActivityOutput execute(ActivityInput input) {
        activityAttempts.increment();
        return super.execute(input);
      }
    };
  }

  /** Starts the counts again from zero. */
  void reset() {
    runs.clear();
    activityAttempts.reset();
  }

  long workflowRuns() {
    return runs.size();
  }

  long activityAttempts() {
    return activityAttempts.sum();
  }
}
