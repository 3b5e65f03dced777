/**
 * Keras's {@code fit}: {@link dev.rnnkit.train.Trainer#fit} runs epochs of shuffled batches of a
 * {@code model.Model} with the {@link dev.rnnkit.train.FitOptions} given, validates, keeps a
 * {@link dev.rnnkit.train.History}, and calls the options' {@link dev.rnnkit.train.Callback}s at
 * Keras's points. Everything a fit does besides its steps is a callback: the progress bar,
 * stopping on a NaN loss, {@link dev.rnnkit.train.BackupAndRestore} (checkpoints and resume, in
 * {@link dev.rnnkit.train.CheckpointFile}s), {@link dev.rnnkit.train.StopOnRequest} (Ctrl-C), and Keras's
 * {@link dev.rnnkit.train.EarlyStopping}, {@link dev.rnnkit.train.ModelCheckpoint} and {@link
 * dev.rnnkit.train.ReduceLROnPlateau}, which watch a {@link dev.rnnkit.train.Monitor}ed value. A
 * callback can stop the fit ({@link dev.rnnkit.train.FitContext#stopTraining()}) and resume a
 * saved one ({@link dev.rnnkit.train.FitContext#resumeFrom}).
 *
 * <pre>{@code
 * History history = Trainer.fit(model, train, FitOptions.builder()
 *     .epochs(10).batchSize(32).validationData(test).shuffleSeed(42)
 *     .callbacks(BackupAndRestore.open(model, Path.of("checkpoint.bin"), true, run, null))
 *     .build());
 * }</pre>
 *
 * <p>May use: {@code model}, {@code metrics}, {@code data}. Never anything of the application.
 */
package dev.rnnkit.train;
