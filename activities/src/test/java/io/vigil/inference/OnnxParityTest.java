package io.vigil.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.flows.FlowReader;
import io.vigil.flows.FlowSequence;
import io.vigil.flows.Sequencer;
import io.vigil.model.flows.FlowBatch;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Java side of the model against what the training script wrote (test resources {@code flows/}, see its
 * README): Java's sequences and normalised features equal Python's, and ONNX Runtime's scores equal PyTorch's
 * within 1e-4, for the committed model.
 */
class OnnxParityTest {

  private static final Model MODEL = Model.bundled();

  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(OnnxParityTest.class.getClassLoader().getResource("flows/" + name).toURI());
  }

  /** Java's sequences of a fixture, keyed as the training script keys them: entity, '#', start. */
  private static Map<String, FlowSequence> javaSequences(String csv) throws URISyntaxException {
    FlowBatch batch = FlowReader.readCsv(fixture(csv));
    assertEquals(List.of(), batch.rejected());
    Map<String, FlowSequence> sequences = new HashMap<>();
    for (FlowSequence sequence : new Sequencer(MODEL.card().length(), MODEL.card().stride())
        .sequences(batch.dataset(), batch.flows())) {
      sequences.put(sequence.entity() + "#" + sequence.start(), sequence);
    }
    return sequences;
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "host-"})
  void javaFeaturesAndOnnxScoresEqualPythonsAndPyTorchs(String prefix) throws Exception {
    Map<String, FlowSequence> sequences = javaSequences(prefix + "flows-sample.csv");
    JsonNode python = new ObjectMapper().readTree(Files.readString(fixture(prefix + "sequences.json")))
        .get("sequences");
    List<String> references = Files.readAllLines(fixture(prefix + "reference-scores.csv"));
    assertEquals(python.size(), sequences.size(), "the same windows");
    assertEquals(references.size() - 1, sequences.size());

    int window = MODEL.card().length() * FlowFeatures.COUNT;
    float[] features = new float[sequences.size() * window];
    try (OnnxScorer scorer = OnnxScorer.load(MODEL, false)) {
      for (int s = 0; s < python.size(); s++) {
        JsonNode expected = python.get(s);
        FlowSequence sequence = sequences.get(expected.get("key").asText());
        assertEquals(expected.get("n_real").asInt(), sequence.flows().size(), expected.get("key").asText());
        for (int i = 0; i < sequence.flows().size(); i++) {
          assertEquals(expected.get("rows").get(i).asLong() + 1, sequence.flows().get(i).row(),
              "Java rows count from 1, the script's from 0");
        }
        FlowFeatures.write(sequence, MODEL.card(), features, s * window);
        JsonNode x = expected.get("x");
        for (int i = 0; i < MODEL.card().length(); i++) {
          for (int f = 0; f < FlowFeatures.COUNT; f++) {
            assertEquals(x.get(i).get(f).asDouble(), features[s * window + i * FlowFeatures.COUNT + f], 1e-5,
                expected.get("key").asText() + " flow " + i + " feature " + f);
          }
        }
      }
      float[] scores = scorer.score(features, python.size());
      for (int s = 0; s < python.size(); s++) {
        String[] reference = references.get(s + 1).split(",");
        assertEquals(python.get(s).get("key").asText(), reference[1]);
        assertEquals(Double.parseDouble(reference[6]), scores[s], 1e-4, reference[1]);
      }
      assertFalse(scorer.onGpu());
    }
  }

  @Test
  void scoringInBatchesOfAnySizeGivesTheSameScores() throws Exception {
    Map<String, FlowSequence> sequences = javaSequences("host-flows-sample.csv");
    List<FlowSequence> ordered = sequences.values().stream().sorted(java.util.Comparator.comparing(FlowSequence::id))
        .toList();
    int window = MODEL.card().length() * FlowFeatures.COUNT;
    float[] all = new float[ordered.size() * window];
    for (int s = 0; s < ordered.size(); s++) {
      FlowFeatures.write(ordered.get(s), MODEL.card(), all, s * window);
    }
    try (OnnxScorer scorer = OnnxScorer.load(MODEL, false)) {
      float[] together = scorer.score(all, ordered.size());
      for (int s = 0; s < ordered.size(); s++) {
        float[] alone = scorer.score(java.util.Arrays.copyOfRange(all, s * window, (s + 1) * window), 1);
        assertEquals(together[s], alone[0], 1e-6);
      }
    }
  }

  @Test
  void aModelWhoseSignatureDiffersFromItsCardIsRefusedByName() {
    ModelCard card = MODEL.card();
    ModelCard wrong = new ModelCard(card.version(), "sequences", card.output(), card.length(), card.stride(),
        card.features(), card.standardised(), card.means(), card.stds());

    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> OnnxScorer.load(new Model("wrong", MODEL.onnx(), wrong), false));

    assertTrue(refused.getMessage().contains("its card says one input sequences of shape [-1, 16, 11]"),
        refused.getMessage());
  }

  @Test
  void theGpuPathScoresLikeTheCpuWhereAGpuIsPresent() throws Exception {
    boolean cuda = OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)
        && Files.exists(Path.of("/dev/nvidia0"));
    Assumptions.assumeTrue(cuda, "skipped: no CUDA GPU here (ONNX Runtime providers "
        + OrtEnvironment.getAvailableProviders() + "); the same scoring runs on the CPU in the other tests. Build "
        + "with -Pgpu on a machine with CUDA 12 and cuDNN 9 to run it.");
    Map<String, FlowSequence> sequences = javaSequences("host-flows-sample.csv");
    int window = MODEL.card().length() * FlowFeatures.COUNT;
    float[] features = new float[sequences.size() * window];
    int s = 0;
    for (FlowSequence sequence : sequences.values()) {
      FlowFeatures.write(sequence, MODEL.card(), features, s++ * window);
    }
    try (OnnxScorer cpu = OnnxScorer.load(MODEL, false); OnnxScorer gpu = OnnxScorer.load(MODEL, true)) {
      assertTrue(gpu.onGpu());
      float[] expected = cpu.score(features, sequences.size());
      float[] actual = gpu.score(features, sequences.size());
      for (int i = 0; i < expected.length; i++) {
        assertEquals(expected[i], actual[i], 1e-4);
      }
    }
  }
}
