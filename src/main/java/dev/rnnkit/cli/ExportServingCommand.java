package dev.rnnkit.cli;

import dev.rnnkit.savedmodel.export.ModelFolder;
import dev.rnnkit.savedmodel.export.ServingExport;
import dev.rnnkit.savedmodel.export.WarmupRequest;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

// Not mixinStandardHelpOptions: its -V/--version (RNNKit's version) would take the name of the
// version to export, which TF Serving's own tools call --version too.
@Command(name = "export-serving",
    description = {"Write an RNNKit model in TensorFlow Serving's layout, BASE/NAME/VERSION/,"
        + " with warm-up requests for each signature in assets.extra/tf_serving_warmup_requests.",
        "The version appears whole or not at all (TF Serving polls BASE/NAME); its warm-up"
        + " requests are run through it first. Serve it with tensorflow_model_server"
        + " --model_base_path=BASE/NAME --model_name=NAME."})
final class ExportServingCommand implements Callable<Integer> {

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = "--model", required = true, paramLabel = "DIR",
      description = "The RNNKit model folder (or the output folder of train or examples).")
  Path model;

  @Option(names = "--base", required = true, paramLabel = "BASE",
      description = "TF Serving's base folder; the model goes to BASE/NAME/VERSION.")
  Path base;

  @Option(names = "--name", paramLabel = "NAME",
      description = "The served model's name (default: the model folder's name, or its run"
          + " folder's for a run's model/).")
  String name;

  @Option(names = "--version", paramLabel = "N",
      description = "The version number (default: the next free one, 1 when there is none).")
  Long version;

  @Option(names = "--force", description = "Replace an existing --version.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    Path folder = ModelFolder.resolve(model, System.err::println);
    String served = name != null ? name : defaultName(model);
    ServingExport.Written written = version == null
        ? ServingExport.write(folder, base, served)
        : ServingExport.write(folder, base, served, version, force);
    System.out.println("Wrote version " + written.version() + " of '" + served + "' to "
        + NextSteps.relative(written.versionDir()) + " with " + count(written) + " warm-up"
        + " requests in assets.extra/tf_serving_warmup_requests.");
    Path modelBase = written.versionDir().getParent();
    System.out.println("Serve it: tensorflow_model_server --model_base_path=" + modelBase
        + " --model_name=" + served + " --rest_api_port=8501");
    return 0;
  }

  /** The given folder's name, or, when it is a run's output folder, that folder's. */
  private static String defaultName(Path given) {
    Path named = given.toAbsolutePath().normalize();
    boolean runModel = named.getFileName() != null
        && named.getFileName().toString().equals(ModelFolder.IN_RUN_FOLDER)
        && named.getParent() != null && named.getParent().getFileName() != null;
    return (runModel ? named.getParent() : named).getFileName().toString();
  }

  /** "2 serving_default, 2 serving_text". */
  private static String count(ServingExport.Written written) {
    Map<String, Integer> bySignature = new TreeMap<>();
    for (WarmupRequest request : written.warmup()) {
      bySignature.merge(request.signature(), 1, Integer::sum);
    }
    return written.warmup().size() + " (" + bySignature.toString().replaceAll("[{}]", "")
        .replace("=", ": ") + ")";
  }
}
