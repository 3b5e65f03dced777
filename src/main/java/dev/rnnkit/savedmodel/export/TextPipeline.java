package dev.rnnkit.savedmodel.export;

import dev.rnnkit.data.KerasTextRules;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.HashTable;
import org.tensorflow.op.core.InitializeTableFromTextFile;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.math.Cumsum;
import org.tensorflow.op.strings.Lower;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * Keras-style text preprocessing as TensorFlow ops, so that a SavedModel takes raw review strings:
 * lowercase (UTF-8), {@code <br />} (and {@code <br>}, {@code <br/>}) and Keras's filter characters replaced by spaces, split on
 * spaces with empty pieces dropped, a vocabulary lookup table initialised from an asset file
 * (line n = the word of frequency rank n+1, id n+4; unknown words id 2), a start id 1 in front,
 * then {@code pad_sequences(maxlen)} with pre-padding and pre-truncation (the last tokens kept).
 * The rules and ids are {@link KerasTextRules}'s, which the Java {@code TextVectorizer} follows
 * too; a test holds the two equal.
 */
final class TextPipeline {

  /** The graph pieces the exporter needs: ids for the model, and the table's init op and asset. */
  record Built(Operand<TInt32> tokenIds, InitializeTableFromTextFile tableInit,
      Operand<TString> vocabularyPath) {}

  private TextPipeline() {}

  static Built build(Ops tf, Placeholder<TString> texts, int maxLength, String assetFileName) {
    Ops text = tf.withSubScope("text_preprocessing");
    Operand<TString> lower = text.strings.lower(texts, Lower.encoding("utf-8"));
    Operand<TString> noBreaks = text.strings.regexReplace(
        lower, text.constant(KerasTextRules.LINE_BREAK_TAG), text.constant(" "));
    Operand<TString> cleaned = text.strings.regexReplace(
        noBreaks, text.constant(KerasTextRules.FILTER_CLASS), text.constant(" "));
    var split = text.strings.stringSplit(cleaned, text.constant(" "));

    // Keep non-empty pieces; rows come out in order, so a piece's position in its row is its
    // index among the kept pieces minus the row's first kept index.
    Operand<TInt64> kept = text.reshape(
        text.where(text.math.notEqual(split.values(), text.constant(""))), text.constant(new long[] {-1}));
    Operand<TString> words = text.gather(split.values(), kept, text.constant(0));
    Operand<TInt64> rows = text.gather(
        text.reshape(text.slice(split.indices(), text.constant(new long[] {0, 0}),
            text.constant(new long[] {-1, 1})), text.constant(new long[] {-1})),
        kept, text.constant(0));
    Operand<TInt64> batchSize = scalar(text, text.shape(texts, TInt64.class));
    Operand<TInt64> keptCount = scalar(text, text.shape(rows, TInt64.class));
    Operand<TInt64> counts = text.math.unsortedSegmentSum(text.onesLike(rows), rows, batchSize);
    Operand<TInt64> rowStarts = text.math.cumsum(counts, text.constant(0), Cumsum.exclusive(true));
    Operand<TInt64> position = text.math.sub(
        text.range(text.constant(0L), keptCount, text.constant(1L)),
        text.gather(rowStarts, rows, text.constant(0)));

    HashTable table = text.withName("vocabulary_table").hashTable(TString.class, TInt64.class);
    Operand<TString> path = text.withName("vocabulary_path").constant(assetFileName);
    InitializeTableFromTextFile init = text.withName("vocabulary_table_init")
        .initializeTableFromTextFile(table, path, -2L, -1L);
    Operand<TInt64> line = text.lookupTableFind(table, words, text.constant(-1L));
    // Line n (0-based) holds the word of rank n + 1. The ids are int64 like the table's values:
    // without (long), a constant would be an int32 op.
    Operand<TInt64> ids = text.select(
        text.math.less(line, text.constant(0L)),
        text.fill(text.shape(line, TInt64.class),
            text.constant((long) KerasTextRules.OUT_OF_VOCABULARY_ID)),
        text.math.add(line, text.constant((long) KerasTextRules.FIRST_WORD_ID)));

    // Right-align each row in maxLength columns: piece j of a row with n pieces goes to column
    // j + maxLength - n, the start id to column maxLength - n - 1; negative columns are cut
    // (truncating='pre'), empty columns stay 0 (padding='pre'). Without a maxLength (an open
    // length), the batch's longest text sets it: pad_sequences(maxlen=None).
    Operand<TInt64> width = maxLength > 0 ? text.constant((long) maxLength)
        : text.math.add(text.max(counts, text.constant(0)), text.constant(1L));
    Operand<TInt64> columns = text.math.add(position,
        text.math.sub(width, text.gather(counts, rows, text.constant(0))));
    Operand<TInt64> rowIds = text.range(text.constant(0L), batchSize, text.constant(1L));
    Operand<TInt64> startColumns = text.math.sub(text.math.sub(width, counts), text.constant(1L));
    Operand<TInt64> allRows = text.concat(List.of(rows, rowIds), text.constant(0));
    Operand<TInt64> allColumns = text.concat(List.of(columns, startColumns), text.constant(0));
    Operand<TInt64> allIds = text.concat(
        List.of(ids, text.fill(text.reshape(batchSize, text.constant(new long[] {1})),
            text.constant((long) KerasTextRules.START_ID))), text.constant(0));
    Operand<TBool> inside = text.math.greaterEqual(allColumns, text.constant(0L));
    Operand<TInt64> keep = text.reshape(text.where(inside), text.constant(new long[] {-1}));
    Operand<TInt64> coordinates = text.stack(List.of(
        text.gather(allRows, keep, text.constant(0)),
        text.gather(allColumns, keep, text.constant(0))), org.tensorflow.op.core.Stack.axis(1L));
    Operand<TInt32> values = text.dtypes.cast(text.gather(allIds, keep, text.constant(0)), TInt32.class);
    Operand<TInt64> denseShape = text.concat(
        List.of(text.reshape(batchSize, text.constant(new long[] {1})),
            text.reshape(width, text.constant(new long[] {1}))), text.constant(0));
    Operand<TInt32> tokenIds = text.withName("token_ids").scatterNd(coordinates, values, denseShape);
    return new Built(tokenIds, init, path);
  }

  /** The one element of a one-element vector, as a scalar. */
  private static Operand<TInt64> scalar(Ops tf, Operand<TInt64> vector) {
    return tf.reshape(vector, tf.constant(new long[] {}));
  }
}
