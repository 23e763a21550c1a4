package io.vigil.model;

/** Task queue names shared by workers and the clients that start workflows. */
public final class TaskQueues {

  /** Aggregation, forecasting and every other job that needs a CPU and a backend. */
  public static final String CPU = "vigil-cpu";

  /**
   * Scoring flow sequences with the deep model: served by GPU workers ({@code vigil worker --gpu}) so that a GPU
   * pool scales apart from the CPU workers, and by the embedded stack's CPU worker.
   */
  public static final String INFERENCE = "vigil-inference";

  private TaskQueues() {}
}
