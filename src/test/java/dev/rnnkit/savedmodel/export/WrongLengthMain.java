package dev.rnnkit.savedmodel.export;

import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TInt32;

/**
 * Run in a child JVM by {@link WrongLengthRequestTest}, as a model server would: feeds token ids
 * of the given length straight into an exported graph's session, with none of RNNKit's input
 * checks, and prints what TensorFlow said. A process abort shows as a non-zero exit.
 */
public final class WrongLengthMain {

  public static void main(String[] args) {
    try (SavedModelBundle bundle = SavedModelBundle.load(args[0], "serve");
        TInt32 ids = TInt32.tensorOf(Shape.of(2, Integer.parseInt(args[1])), d -> d.scalars().forEach(s -> s.setInt(1)))) {
      try (Result r = bundle.session().runner().feed("token_ids", ids).fetch("model/probabilities").run()) {
        System.out.println("RAN " + r.get(0).shape());
      } catch (RuntimeException e) {
        System.out.println("ERROR " + e.getMessage().replace('\n', ' '));
      }
    }
  }
}
