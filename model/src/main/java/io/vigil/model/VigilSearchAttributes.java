package io.vigil.model;

import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import io.vigil.model.schedule.Job;

/**
 * Vigil's custom search attributes: every run and schedule carries the source it works on and its job, so that the
 * Temporal UI lists, for example, {@code VigilSource = "SampleSigninLogs" AND VigilJob = "series"}. A server only
 * accepts them once they are registered in the namespace (`vigil worker`, `vigil up` and `vigil schedule apply` do
 * it where the server allows).
 */
public final class VigilSearchAttributes {

  public static final SearchAttributeKey<String> SOURCE = SearchAttributeKey.forKeyword("VigilSource");
  public static final SearchAttributeKey<String> JOB = SearchAttributeKey.forKeyword("VigilJob");

  private VigilSearchAttributes() {}

  public static SearchAttributes of(Job job, String source) {
    return SearchAttributes.newBuilder().set(SOURCE, source).set(JOB, job.id()).build();
  }
}
