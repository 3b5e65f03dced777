/**
 * Where training data comes from and how it becomes sequences: a {@code DataSource}
 * ({@code SyntheticSource}, {@code ImdbSource}, {@code CsvSource}, {@code SpamAssassinSource})
 * with a {@code SplitPolicy}, {@code SampleSizes} and an optional fixed {@code
 * TextVectorizer}, giving {@code TrainingData}; Keras's text rules ({@code KerasTextRules},
 * shared with the exported text signature), the IMDB and SpamAssassin downloads and cache
 * (through npm), labelled CSV files and strict UTF-8 reading.
 *
 * <p>Part of the library. Uses {@code dev.rnnkit.io}, the JDK, Jackson and commons-csv; no other
 * RNNKit package.
 */
package dev.rnnkit.data;
