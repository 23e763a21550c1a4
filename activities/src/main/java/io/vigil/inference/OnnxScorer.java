package io.vigil.inference;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Scores batches of flow sequences with an ONNX model through ONNX Runtime: on a GPU with the CUDA execution
 * provider when asked for and it loads, else on the CPU. The model's signature is checked when it loads: one input
 * {@code [batch, length, features]} of float32 and one output {@code [batch]}, as its model card says. Not
 * thread-safe for close; {@link #score} may be called from several threads (ONNX Runtime sessions are).
 */
public final class OnnxScorer implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(OnnxScorer.class.getName());

  private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
  private final OrtSession session;
  private final ModelCard card;
  private final boolean onGpu;

  private OnnxScorer(OrtSession session, ModelCard card, boolean onGpu) {
    this.session = session;
    this.card = card;
    this.onGpu = onGpu;
  }

  /**
   * Loads {@code model}; with {@code gpu}, tries CUDA first and falls back to the CPU with a
   * warning when the CUDA provider cannot load (no GPU, no CUDA 12 or cuDNN 9, or a CPU-only build).
   *
   * @throws IllegalArgumentException when the model's inputs or outputs differ from the card
   */
  public static OnnxScorer load(Model model, boolean gpu) {
    return load(model, gpu, 0);
  }

  /** As {@link #load(Model, boolean)}, with {@code threads} intra-op threads on the CPU (0: one per core). */
  public static OnnxScorer load(Model model, boolean gpu, int threads) {
    OrtEnvironment environment = OrtEnvironment.getEnvironment();
    boolean onGpu = false;
    try {
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      if (threads > 0) {
        options.setIntraOpNumThreads(threads);
      }
      if (gpu) {
        try {
          options.addCUDA(0);
          onGpu = true;
        } catch (OrtException | UnsatisfiedLinkError | IllegalArgumentException e) {
          LOG.warning("CUDA is not available to ONNX Runtime (" + e.getMessage() + "); scoring on the CPU");
        }
      }
      OrtSession session = environment.createSession(model.onnx(), options);
      check(session, model.card(), model.name());
      return new OnnxScorer(session, model.card(), onGpu);
    } catch (OrtException e) {
      throw new IllegalArgumentException("cannot load model " + model.name() + ": " + e.getMessage(), e);
    }
  }

  private static void check(OrtSession session, ModelCard card, String model) throws OrtException {
    Map<String, NodeInfo> inputs = session.getInputInfo();
    Map<String, NodeInfo> outputs = session.getOutputInfo();
    long[] expectedInput = {-1, card.length(), card.features()};
    if (inputs.size() != 1 || !inputs.containsKey(card.input())
        || !(inputs.get(card.input()).getInfo() instanceof TensorInfo input)
        || !Arrays.equals(input.getShape(), expectedInput)) {
      throw new IllegalArgumentException("model " + model + " has inputs " + describe(inputs) + "; its card "
          + "says one input " + card.input() + " of shape " + Arrays.toString(expectedInput) + " (-1: any batch)");
    }
    if (!outputs.containsKey(card.output()) || !(outputs.get(card.output()).getInfo() instanceof TensorInfo output)
        || !Arrays.equals(output.getShape(), new long[] {-1})) {
      throw new IllegalArgumentException("model " + model + " has outputs " + describe(outputs) + "; its card "
          + "says an output " + card.output() + " of shape [-1]");
    }
  }

  private static String describe(Map<String, NodeInfo> nodes) {
    StringBuilder text = new StringBuilder("{");
    nodes.forEach((name, node) -> text.append(text.length() > 1 ? ", " : "").append(name).append(' ')
        .append(node.getInfo() instanceof TensorInfo tensor ? Arrays.toString(tensor.getShape()) : node.getInfo()));
    return text.append('}').toString();
  }

  /** Whether the session runs on the GPU. */
  public boolean onGpu() {
    return onGpu;
  }

  public ModelCard card() {
    return card;
  }

  /**
   * The scores of {@code count} sequences whose normalised features lie one after another in {@code features}
   * ({@code count × length × features} floats).
   */
  public float[] score(float[] features, int count) {
    long[] shape = {count, card.length(), card.features()};
    try (OnnxTensor input = OnnxTensor.createTensor(environment, FloatBuffer.wrap(features, 0,
        count * card.length() * card.features()), shape);
        OrtSession.Result result = session.run(Map.of(card.input(), input))) {
      float[] scores = (float[]) result.get(card.output()).orElseThrow().getValue();
      return scores;
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime failed to score a batch of " + count + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("cannot close the ONNX session: " + e.getMessage(), e);
    }
  }
}
