package io.vigil.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Training scripts that train nothing: {@code vigil_flows.train} notes its arguments and stores the bundled model
 * under the name it is asked for, unless a model of that name is already in --out. The commands that call the
 * scripts then do all their own work (reading the models, scoring in ONNX Runtime, the figures) without torch.
 *
 * @param directory the folder to pass as --python-dir
 * @param argumentLog one line per call, the arguments joined by spaces
 */
record FakeTrainingScripts(Path directory, Path argumentLog) {

  static FakeTrainingScripts in(Path dir) throws IOException {
    Path template = dir.resolve("template");
    ModelCommandTest.addVersion(template, "flow-seq-v1");
    Path scripts = dir.resolve("python");
    Path module = Files.createDirectories(scripts.resolve("vigil_flows"));
    Path argumentLog = dir.resolve("arguments.txt");
    Files.writeString(module.resolve("__init__.py"), "");
    Files.writeString(module.resolve("train.py"), String.join("\n",
        "import os, sys",
        "args = sys.argv[1:]",
        "with open(" + pythonString(argumentLog) + ", 'a') as log:",
        "    log.write(' '.join(args) + '\\n')",
        "out, name = args[args.index('--out') + 1], args[args.index('--name') + 1]",
        "for extension in ('onnx', 'json'):",
        "    target = os.path.join(out, name + '.' + extension)",
        "    if not os.path.exists(target):",
        "        with open(os.path.join(" + pythonString(template) + ", 'flow-seq-v1.' + extension), 'rb') as source:",
        "            content = source.read()",
        "        if extension == 'json':",
        "            content = content.replace(b'\"version\": \"flow-seq-v1\"',",
        "                                      ('\"version\": \"' + name + '\"').encode())",
        "        with open(target, 'wb') as sink:",
        "            sink.write(content)",
        "print('{}')", ""));
    return new FakeTrainingScripts(scripts, argumentLog);
  }

  /** The arguments of each call so far. */
  List<String> calls() throws IOException {
    return Files.exists(argumentLog) ? Files.readAllLines(argumentLog) : List.of();
  }

  private static String pythonString(Path path) {
    return "'" + path.toAbsolutePath().toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
