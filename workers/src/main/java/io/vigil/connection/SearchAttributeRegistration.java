package io.vigil.connection;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.vigil.model.VigilSearchAttributes;
import java.util.List;

/**
 * Registers Vigil's search attributes ({@link VigilSearchAttributes}) in a namespace through the operator service,
 * where the server allows it: a self-hosted server and the embedded test server do; Temporal Cloud registers them in
 * its own console, and answers here with a permission error that is reported, not fatal.
 */
public final class SearchAttributeRegistration {

  private SearchAttributeRegistration() {}

  /** Registers each missing attribute; returns one line per attribute the server would not register, else empty. */
  public static List<String> register(WorkflowServiceStubs stubs, String namespace) {
    OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(OperatorServiceStubsOptions.newBuilder()
        .setChannel(stubs.getRawChannel()).validateAndBuildWithDefaults());
    try {
      return List.of(VigilSearchAttributes.SOURCE.getName(), VigilSearchAttributes.JOB.getName()).stream()
          .map(name -> registerOne(operator, namespace, name)).filter(problem -> !problem.isEmpty()).toList();
    } finally {
      operator.shutdown();
    }
  }

  private static String registerOne(OperatorServiceStubs operator, String namespace, String name) {
    try {
      operator.blockingStub().addSearchAttributes(AddSearchAttributesRequest.newBuilder().setNamespace(namespace)
          .putSearchAttributes(name, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD).build());
      return "";
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.ALREADY_EXISTS
          || String.valueOf(e.getStatus().getDescription()).contains("already")) {
        return "";
      }
      return "search attribute " + name + " (Keyword) is not registered in namespace " + namespace + ": "
          + e.getStatus().getCode() + " " + e.getStatus().getDescription() + "; register it on the server (for "
          + "Temporal Cloud in the namespace's settings) so that runs can carry it";
    }
  }
}
