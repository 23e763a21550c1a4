package io.vigil.mitre;

import io.vigil.flows.FlowSequence;
import io.vigil.model.flows.Flow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Hand-built flows of one source, for rule tests. */
final class TestFlows {

  static final Instant START = Instant.parse("2025-03-01T12:00:00Z");

  private final String source;
  private final List<Flow> flows = new ArrayList<>();

  private TestFlows(String source) {
    this.source = source;
  }

  static TestFlows from(String source) {
    return new TestFlows(source);
  }

  /** Adds a flow that starts {@code secondsAfterStart} after {@link #START}. */
  TestFlows flow(double secondsAfterStart, String destination, int port, double durationSeconds, long fwdBytes,
      long bwdBytes) {
    Instant timestamp = START.plusNanos(Math.round(secondsAfterStart * 1e9));
    long fwdPackets = Math.max(1, fwdBytes / 1_000);
    long bwdPackets = bwdBytes == 0 ? 0 : Math.max(1, bwdBytes / 1_000);
    flows.add(new Flow(flows.size() + 1, timestamp, durationSeconds, source, 40_000 + flows.size(), destination, port,
        fwdBytes, bwdBytes, fwdPackets, bwdPackets, 1));
    return this;
  }

  FlowSequence sequence() {
    return new FlowSequence("sq-test", "test", source, 0, flows);
  }
}
