package dev.rnnkit.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Masks, open lengths and Bidirectional leave the article's unmasked models where they were: the
 * LSTM on TensorFlow's fused kernel, no mask ops in either graph, one graph per model.
 */
class ArticleFastPathTest {

  private static final Set<String> MASK_OPS =
      Set.of("NotEqual", "ReverseSequence", "GatherNd", "TopKV2", "DivNoNan");

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void theArticlesModelsBuildNoMaskOps(boolean returnSequences) {
    for (ArticleModels.Cell cell : ArticleModels.Cell.ARTICLE) {
      Sequential arch = ArticleModels.build(cell, returnSequences);
      try (Model model = Model.compile(arch, 1);
          InferenceModel inference = InferenceModel.of(arch, model.weights())) {
        List<String> types = inference.operationTypes();
        assertTrue(types.stream().noneMatch(MASK_OPS::contains), cell + ": " + types);
        if (cell == ArticleModels.Cell.LSTM) {
          assertTrue(types.contains("BlockLSTMV2"), "the article's LSTM stays fused");
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void theArticlesLstmTrainsOnTheFusedKernelWithoutMaskOps(boolean returnSequences) {
    Sequential arch = ArticleModels.build(ArticleModels.Cell.LSTM, returnSequences);
    try (Model model = Model.compile(arch, 1)) {
      List<String> types = model.operationTypes();
      assertTrue(types.contains("BlockLSTMV2"), "fused forward");
      assertFalse(types.stream().anyMatch(MASK_OPS::contains), types.toString());
    }
  }
}
