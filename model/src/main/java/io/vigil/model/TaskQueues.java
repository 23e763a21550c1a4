package io.vigil.model;

/** Task queue names shared by workers and the clients that start workflows. */
public final class TaskQueues {

  /** Aggregation, forecasting and every other job that needs a CPU and a backend. */
  public static final String CPU = "vigil-cpu";

  private TaskQueues() {}
}
