package dev.rnnkit.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.BlockLSTM;
import org.tensorflow.op.nn.BlockLSTMGrad;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The gradient of TensorFlow's fused {@code BlockLSTMV2} op, which TensorFlow defines only in
 * Python: {@code BlockLSTMGradV2} fed with the forward op's inputs and outputs and the gradients
 * of its {@code cs} and {@code h} outputs (the others are internal gate values).
 */
final class FusedLstmGradient {

  /**
   * TensorFlow's gradient registry is one per process, so registration is too; this flag only
   * avoids asking twice. Registration fails on platforms without custom gradients (Windows).
   */
  private static final AtomicBoolean REGISTERED = new AtomicBoolean();
  private static volatile boolean available;

  private FusedLstmGradient() {}

  /** Registers the gradient once; returns whether fused LSTMs can be trained here. */
  static synchronized boolean ensureRegistered() {
    if (REGISTERED.compareAndSet(false, true)) {
      try {
        TensorFlow.registerCustomGradient(BlockLSTM.OP_NAME, FusedLstmGradient::gradient);
        available = true;
      } catch (RuntimeException | UnsatisfiedLinkError e) {
        available = false;
      }
    }
    return available;
  }

  @SuppressWarnings("unchecked")
  private static List<Operand<?>> gradient(Ops tf, GraphOperation op, List<Output<?>> gradOutputs) {
    Output<TFloat32> cs = op.output(1);
    Output<TFloat32> h = op.output(6);
    Operand<TFloat32> csGrad = gradOutputs.get(1) != null
        ? (Operand<TFloat32>) gradOutputs.get(1) : tf.zerosLike(cs);
    Operand<TFloat32> hGrad = gradOutputs.get(6) != null
        ? (Operand<TFloat32>) gradOutputs.get(6) : tf.zerosLike(h);
    Operand<TInt64> seqLenMax = (Operand<TInt64>) op.input(0);
    Operand<TFloat32>[] in = new Operand[9];
    for (int k = 1; k < 9; k++) {
      in[k] = (Operand<TFloat32>) op.input(k);
    }
    BlockLSTMGrad<TFloat32> grad = tf.nn.blockLSTMGrad(seqLenMax, in[1], in[2], in[3], in[4],
        in[5], in[6], in[7], in[8], op.output(0), cs, op.output(2), op.output(3), op.output(4),
        op.output(5), h, csGrad, hGrad, op.attributes().getAttrBool("use_peephole"));
    List<Operand<?>> grads = new ArrayList<>();
    grads.add(tf.zerosLike(seqLenMax)); // seq_len_max is an integer count: no real gradient
    grads.add(grad.xGrad());
    grads.add(grad.csPrevGrad());
    grads.add(grad.hPrevGrad());
    grads.add(grad.wGrad());
    grads.add(grad.wciGrad());
    grads.add(grad.wcfGrad());
    grads.add(grad.wcoGrad());
    grads.add(grad.bGrad());
    return grads;
  }
}
