package dev.rnnkit.savedmodel;

import static dev.rnnkit.savedmodel.ErrorMessages.assertMessage;

import dev.rnnkit.model.ArticleModels;
import dev.rnnkit.savedmodel.export.ExportFixtures;
import dev.rnnkit.savedmodel.safety.UnsafeModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SignatureDef;

/** Folders that are not SavedModels, and tags that match no MetaGraph. */
class SavedModelContentsErrorsTest {

  @Test
  void missingFolder(@TempDir Path tmp) {
    Path absent = tmp.resolve("no_such_model");
    assertMessage(() -> SavedModelContents.read(absent), "not found", "no_such_model");
    assertMessage(() -> SavedModelInspector.describe(absent), "not found");
  }

  @Test
  void aFileInsteadOfAFolder(@TempDir Path tmp) throws IOException {
    Path file = Files.writeString(tmp.resolve("model.h5"), "x");
    assertMessage(() -> SavedModelContents.read(file), "is a file", "saved_model.pb");
  }

  @Test
  void folderWithoutSavedModelPbListsWhatItHolds(@TempDir Path tmp) throws IOException {
    Files.writeString(tmp.resolve("model.keras"), "zip");
    Files.createDirectory(tmp.resolve("variables"));
    assertMessage(
        () -> SavedModelContents.read(tmp),
        "is not a SavedModel",
        "no saved_model.pb",
        "It contains: model.keras, variables/.");
  }

  @Test
  void emptyFolder(@TempDir Path tmp) {
    assertMessage(() -> SavedModelContents.read(tmp), "no saved_model.pb", "The folder is empty.");
  }

  @Test
  void savedModelPbThatIsNotAProtocolBuffer(@TempDir Path tmp) throws IOException {
    Files.writeString(tmp.resolve("saved_model.pb"), "this is not a protocol buffer");
    assertMessage(() -> SavedModelContents.read(tmp), "Cannot read", "saved_model.pb");
  }

  @Test
  void loadingFailsBeforeTensorFlowDoes(@TempDir Path tmp) {
    assertMessage(() -> SavedModel.load(tmp.resolve("absent")), "SavedModel folder not found");
    assertMessage(() -> SavedModel.load(tmp), "is not a SavedModel", "no saved_model.pb");
  }

  @Test
  void signatureNamingATensorTheGraphLacks(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("model");
    ExportFixtures.savedModel(ArticleModels.Cell.GRU, false, 1, dir).close();
    UnsafeModels.editMetaGraph(dir, meta -> {
      MetaGraphDef.Builder edited = meta.toBuilder();
      SignatureDef.Builder ids = edited.getSignatureDefOrThrow("serving_default").toBuilder();
      ids.putInputs("token_ids", ids.getInputsOrThrow("token_ids").toBuilder()
          .setName("no_such_tensor:0").build());
      return edited.putSignatureDef("serving_default", ids.build()).build();
    });
    assertMessage(() -> SavedModel.load(dir), "TensorFlow could not load the MetaGraph 'serve' of "
        + dir, "no_such_tensor");
  }

  @Test
  void wrongTagListsTheTagSetsPresent() {
    SavedModelContents contents = SavedModelContents.read(Fixtures.lstmModel());
    assertMessage(() -> contents.metaGraph("gpu"), "tag-set 'gpu'", "Tag-sets present: 'serve'");
    // Tags select a MetaGraph as a set: a superset is no match either.
    assertMessage(() -> contents.metaGraph("serve", "gpu"), "'serve, gpu'", "present: 'serve'");
  }
}
