package dev.rnnkit.train;

/** The loss became NaN or infinite; weights after the failing step are not trustworthy. */
public final class TrainingDivergedException extends RuntimeException {
  public TrainingDivergedException(String message) {
    super(message);
  }
}
