package io.vigil.flows;

import io.vigil.model.flows.Flow;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Groups flows into sequences: per source address, in time order (ties by row), windows of {@code length} flows
 * every {@code stride} flows. When the windows leave the entity's last flows out, one more window ends at the last
 * flow; an entity with no more than {@code length} flows is one shorter sequence (the model pads it). This is the
 * contract the training script follows (docs/flow-model.md).
 *
 * <p>A sequence's id is {@code sq-} and the first 20 hex digits of the SHA-256 of the dataset name, the entity and
 * the rows of its flows: it depends only on the data, never on batching, workers or the order runs happen in.
 *
 * @param length flows per window, at least 1
 * @param stride flows between window starts, 1 to {@code length}
 */
public record Sequencer(int length, int stride) {

  public static final Sequencer DEFAULT = new Sequencer(16, 8);

  private static final Comparator<Flow> IN_TIME = Comparator.comparing(Flow::timestamp)
      .thenComparingLong(Flow::row);

  public Sequencer {
    if (length < 1 || stride < 1 || stride > length) {
      throw new IllegalArgumentException("need 1 <= stride <= length, were stride " + stride + " and length "
          + length);
    }
  }

  /** The sequences of a dataset's flows, by entity in address order, each entity's in time order. */
  public List<FlowSequence> sequences(String dataset, List<Flow> flows) {
    Map<String, List<Flow>> byEntity = new TreeMap<>();
    for (Flow flow : flows) {
      byEntity.computeIfAbsent(flow.srcIp(), entity -> new ArrayList<>()).add(flow);
    }
    List<FlowSequence> sequences = new ArrayList<>();
    byEntity.forEach((entity, entityFlows) -> {
      entityFlows.sort(IN_TIME);
      for (int start : starts(entityFlows.size())) {
        List<Flow> window = entityFlows.subList(start, Math.min(start + length, entityFlows.size()));
        sequences.add(new FlowSequence(id(dataset, entity, window), dataset, entity, start, window));
      }
    });
    return sequences;
  }

  /** The first flow of each window among {@code count} flows. */
  List<Integer> starts(int count) {
    List<Integer> starts = new ArrayList<>();
    if (count <= length) {
      starts.add(0);
      return starts;
    }
    int start = 0;
    for (; start + length <= count; start += stride) {
      starts.add(start);
    }
    int last = starts.get(starts.size() - 1);
    if (last + length < count) {
      starts.add(count - length);
    }
    return starts;
  }

  static String id(String dataset, String entity, List<Flow> window) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      StringBuilder text = new StringBuilder(dataset).append('\0').append(entity);
      for (Flow flow : window) {
        text.append('\0').append(flow.row());
      }
      byte[] hash = digest.digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return "sq-" + HexFormat.of().formatHex(hash).substring(0, 20);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
