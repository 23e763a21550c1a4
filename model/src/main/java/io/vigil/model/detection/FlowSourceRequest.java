package io.vigil.model.detection;

/** Input of {@link FlowActivities#inspectFlows}: the flows table or file. */
public record FlowSourceRequest(String flows) {}
