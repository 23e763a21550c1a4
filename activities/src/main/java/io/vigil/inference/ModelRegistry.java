package io.vigil.inference;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The model versions a deployment can score with: the bundled {@link Model#BUNDLED_VERSION} and the fine-tuned
 * versions in a folder ({@code <version>.onnx} with its card {@code <version>.json}). The folder's {@value #HISTORY}
 * lists, oldest first, every version made current; the last line is the current one, and with no line the bundled
 * model is. Making a version current appends it; rolling back removes the last line, so the one before is current
 * again. The history is replaced as a whole (written beside it, then moved), so a crash never leaves half a file.
 */
public final class ModelRegistry {

  static final String HISTORY = "history.txt";
  private static final Pattern VERSION_NUMBER = Pattern.compile("flow-seq-v(\\d+)");

  private final Path folder;

  public ModelRegistry(Path folder) {
    this.folder = folder;
  }

  public Path folder() {
    return folder;
  }

  /** Every version there is, the bundled one first, then the folder's in name order. */
  public List<String> versions() {
    TreeSet<String> found = new TreeSet<>();
    if (Files.isDirectory(folder)) {
      try (Stream<Path> files = Files.list(folder)) {
        files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".onnx"))
            .map(name -> name.substring(0, name.length() - ".onnx".length()))
            .filter(version -> Files.isRegularFile(folder.resolve(version + ".json"))).forEach(found::add);
      } catch (IOException e) {
        throw new IllegalStateException("cannot list the models in " + folder + ": " + e.getMessage(), e);
      }
    }
    found.remove(Model.BUNDLED_VERSION);
    List<String> versions = new ArrayList<>(List.of(Model.BUNDLED_VERSION));
    versions.addAll(found);
    return versions;
  }

  /** The current version's name. */
  public String currentVersion() {
    List<String> history = history();
    return history.isEmpty() ? Model.BUNDLED_VERSION : history.get(history.size() - 1);
  }

  /** The current model, loaded. */
  public Model current() {
    String version = currentVersion();
    return version.equals(Model.BUNDLED_VERSION) ? Model.bundled() : Model.fromDirectory(folder, version);
  }

  /** The name for the next fine-tuned version: one more than the highest {@code flow-seq-vN} there is. */
  public String nextVersion() {
    int highest = 0;
    for (String version : versions()) {
      Matcher matcher = VERSION_NUMBER.matcher(version);
      if (matcher.matches()) {
        highest = Math.max(highest, Integer.parseInt(matcher.group(1)));
      }
    }
    return "flow-seq-v" + (highest + 1);
  }

  /** Makes {@code version} current. */
  public void use(String version) {
    if (!versions().contains(version)) {
      throw new IllegalArgumentException("no model version " + version + " in " + folder + "; the versions are "
          + versions());
    }
    List<String> history = history();
    history.add(version);
    write(history);
  }

  /** Makes the version before the current one current again, and returns it. */
  public String rollback() {
    List<String> history = history();
    if (history.isEmpty()) {
      throw new IllegalStateException("the current model is the bundled " + Model.BUNDLED_VERSION
          + "; there is nothing earlier to roll back to");
    }
    history.remove(history.size() - 1);
    write(history);
    return currentVersion();
  }

  private List<String> history() {
    Path file = folder.resolve(HISTORY);
    try {
      if (!Files.isRegularFile(file)) {
        return new ArrayList<>();
      }
      List<String> lines = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          lines.add(line.strip());
        }
      }
      return lines;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private void write(List<String> history) {
    try {
      Files.createDirectories(folder);
      Path next = folder.resolve(HISTORY + ".next");
      Files.write(next, history, StandardCharsets.UTF_8);
      Files.move(next, folder.resolve(HISTORY), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + folder.resolve(HISTORY) + ": " + e.getMessage(), e);
    }
  }
}
