package io.vigil.inference;

import io.vigil.flows.FlowSequence;
import io.vigil.model.flows.Flow;
import java.time.Duration;
import java.util.List;

/**
 * The model's input for a flow sequence, exactly as the training script computes it (docs/flow-model.md): per flow,
 * in this order, log1p of duration, forward bytes, backward bytes, forward packets, backward packets and the seconds
 * since the previous flow of the window; the destination port over 65535; 1 for a well-known destination port
 * (below 1024); the source port over 65535; 1 when the destination address differs from the previous flow's; and
 * a mask of 1. The first {@link ModelCard#standardised()} features are standardised with the card's means and
 * standard deviations. Windows shorter than the model's length are padded with rows of zeros (mask 0).
 */
public final class FlowFeatures {

  /** Features per flow. */
  public static final int COUNT = 11;

  private FlowFeatures() {}

  /** Writes the features of {@code sequence} into {@code out} from {@code offset}, {@code length × COUNT} floats. */
  public static void write(FlowSequence sequence, ModelCard card, float[] out, int offset) {
    List<Flow> flows = sequence.flows();
    int length = card.length();
    if (flows.size() > length) {
      throw new IllegalArgumentException("sequence " + sequence.id() + " has " + flows.size() + " flows; the model "
          + "takes at most " + length);
    }
    java.util.Arrays.fill(out, offset, offset + length * COUNT, 0f);
    double[] raw = new double[COUNT];
    for (int i = 0; i < flows.size(); i++) {
      Flow flow = flows.get(i);
      Flow previous = i == 0 ? null : flows.get(i - 1);
      double gap = previous == null ? 0
          : Math.max(0, Duration.between(previous.timestamp(), flow.timestamp()).toNanos() / 1e9);
      raw[0] = Math.log1p(flow.durationSeconds());
      raw[1] = Math.log1p(flow.fwdBytes());
      raw[2] = Math.log1p(flow.bwdBytes());
      raw[3] = Math.log1p(flow.fwdPkts());
      raw[4] = Math.log1p(flow.bwdPkts());
      raw[5] = Math.log1p(gap);
      raw[6] = flow.dstPort() / 65535.0;
      raw[7] = flow.dstPort() < 1024 ? 1 : 0;
      raw[8] = flow.srcPort() / 65535.0;
      raw[9] = previous != null && !previous.dstIp().equals(flow.dstIp()) ? 1 : 0;
      raw[10] = 1;
      for (int f = 0; f < COUNT; f++) {
        double value = f < card.standardised() ? (raw[f] - card.means()[f]) / card.stds()[f] : raw[f];
        out[offset + i * COUNT + f] = (float) value;
      }
    }
  }
}
