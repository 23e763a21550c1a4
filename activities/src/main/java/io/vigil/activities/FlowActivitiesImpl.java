package io.vigil.activities;

import io.vigil.backend.duckdb.DuckDbBackend;
import io.vigil.backend.ConfigurationException;
import io.vigil.backend.snowflake.SnowflakeBackend;
import io.vigil.backend.snowflake.SnowflakeSettings;
import io.vigil.flows.FlowReader;
import io.vigil.flows.FlowSequence;
import io.vigil.flows.FlowStore;
import io.vigil.flows.Sequencer;
import io.vigil.inference.ModelCard;
import io.vigil.model.VigilFailure;
import io.vigil.model.detection.DetectRequest;
import io.vigil.model.detection.DetectionInput;
import io.vigil.model.detection.DetectionResult;
import io.vigil.model.detection.FlowActivities;
import io.vigil.model.detection.FlowSourceRequest;
import io.vigil.model.detection.FlowSourceState;
import io.vigil.model.detection.FlowWatermark;
import io.vigil.model.detection.SequencingResult;
import io.vigil.model.Identifier;
import io.vigil.model.flows.Flow;
import io.vigil.model.flows.FlowBatch;
import io.vigil.model.flows.FlowRejection;
import io.vigil.mitre.MitreMapper;
import io.vigil.mitre.MitreMapping;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reading, sequencing and detection writing over the DuckDB database; see {@link FlowActivities}. */
public final class FlowActivitiesImpl implements FlowActivities {

  /** Rejected rows returned in the result; all of them are counted. */
  static final int REJECTIONS_SHOWN = 20;

  /** The prefix of a flows source that is a Snowflake table. */
  public static final String SNOWFLAKE_PREFIX = "snowflake:";

  private final DuckDbBackend database;
  private final FlowStore store;
  private final Sequencer sequencer;
  private final MitreMapper mitre = MitreMapper.withBundledCatalog();
  private final VigilMetrics metrics;

  /** Sequences as the model of {@code card} was trained: its window length and stride. */
  public FlowActivitiesImpl(DuckDbBackend database, ModelCard card, VigilMetrics metrics) {
    this.database = database;
    this.metrics = metrics;
    this.store = new FlowStore(database);
    this.sequencer = new Sequencer(card.length(), card.stride());
  }

  @Override
  public SequencingResult sequenceFlows(DetectionInput input) {
    return LivenessHeartbeat.during(() -> sequence(input));
  }

  private SequencingResult sequence(DetectionInput input) {
    FlowBatch batch = read(input.flows());
    String dataset = batch.dataset();
    List<Flow> flows = batch.flows();
    if (input.range() != null) {
      dataset = DetectionInput.windowDataset(batch.dataset(), input.range());
      flows = flows.stream().filter(flow -> input.range().contains(flow.timestamp())).toList();
    }
    List<FlowSequence> sequences = sequencer.sequences(dataset, flows);
    store.replace(dataset, flows, sequences);
    List<String> shown = batch.rejected().stream().limit(REJECTIONS_SHOWN).map(FlowRejection::toString).toList();
    return new SequencingResult(dataset, flows.size(), batch.rejected().size(), shown, sequences.size());
  }

  @Override
  public FlowSourceState inspectFlows(FlowSourceRequest request) {
    return LivenessHeartbeat.during(() -> {
      Instant earliest = read(request.flows()).flows().stream().map(Flow::timestamp)
          .min(Comparator.naturalOrder()).orElse(null);
      return new FlowSourceState(store.scoredUntil(request.flows()).orElse(null), earliest);
    });
  }

  @Override
  public FlowWatermark advanceWatermark(FlowWatermark request) {
    return LivenessHeartbeat.during(() -> new FlowWatermark(request.flows(),
        store.advanceScoredUntil(request.flows(), request.scoredUntil())));
  }

  /**
   * The source's flows: a file, a table of the DuckDB file, or {@code snowflake:<table>}, a table of the Snowflake
   * account the worker's SNOWFLAKE_* settings name. A source that cannot be read is a configuration error, which no
   * retry fixes; a Snowflake login that fails is retried.
   */
  private FlowBatch read(String flows) {
    try {
      if (flows.startsWith(SNOWFLAKE_PREFIX)) {
        String table = Identifier.require(flows.substring(SNOWFLAKE_PREFIX.length()));
        return SnowflakeBackend.readFlows(SnowflakeSettings.fromEnvironment(System.getenv()), table);
      }
      return FlowReader.read(flows, database);
    } catch (ConfigurationException e) {
      throw VigilFailure.CONFIGURATION_ERROR.failure(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw VigilFailure.CONFIGURATION_ERROR.failure(e.getMessage());
    }
  }

  @Override
  public DetectionResult writeDetections(DetectRequest request) {
    return LivenessHeartbeat.during(() -> detect(request));
  }

  private DetectionResult detect(DetectRequest request) {
    FlowStore.DetectionCounts counts = store.writeDetections(request.dataset(), request.threshold(),
        request.runTime());
    metrics.detectionsWritten(request.dataset(), counts.detections());
    int mapped = 0;
    if (request.mitre()) {
      Map<String, MitreMapping> mappings = new HashMap<>();
      for (FlowStore.ScoredSequence detection : store.detectedSequences(request.dataset())) {
        List<MitreMapping> found = probability(detection.score())
            ? mitre.map(detection.sequence(), detection.score()) : mitre.map(detection.sequence());
        if (!found.isEmpty()) {
          mappings.put(detection.sequence().id(), found.get(0));
        }
      }
      store.writeMitre(request.dataset(), mappings);
      mapped = mappings.size();
    }
    return new DetectionResult(request.dataset(), null, counts.detections(), counts.threshold(),
        counts.modelVersion(), null, counts.labelled(), counts.truePositives(), counts.malicious(), mapped);
  }

  /** A score the mapper can weigh in: a probability. Self-supervised scores are not, and the flows decide alone. */
  private static boolean probability(double score) {
    return score >= 0 && score <= 1;
  }
}
