package dev.rnnkit.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;

/**
 * Where a training step's time goes, from TensorFlow's full trace of a few steps: per op type,
 * the time its ops ran and how many ran, per step. Tracing itself slows every op down (a traced
 * step takes about twice as long), so the figures rank the op types; they do not add up to the
 * untraced step time.
 *
 * @param steps traced steps
 * @param tracedMillisPerStep first op start to last op end, per traced step
 * @param opTypes op types by time, largest first
 */
public record StepProfile(int steps, double tracedMillisPerStep, List<OpType> opTypes) {

  /** One op type's share of a traced step. */
  public record OpType(String type, double millisPerStep, double opsPerStep) {}

  /** Aggregates traces of whole steps. */
  public static StepProfile of(List<RunMetadata> traces) {
    Map<String, long[]> byType = new HashMap<>(); // type -> {micros, count}
    long wallMicros = 0;
    for (RunMetadata trace : traces) {
      long first = Long.MAX_VALUE;
      long last = Long.MIN_VALUE;
      for (DeviceStepStats device : trace.getStepStats().getDevStatsList()) {
        for (NodeExecStats node : device.getNodeStatsList()) {
          long[] sum = byType.computeIfAbsent(opType(node), k -> new long[2]);
          sum[0] += node.getAllEndRelMicros();
          sum[1]++;
          first = Math.min(first, node.getAllStartMicros());
          last = Math.max(last, node.getAllStartMicros() + node.getAllEndRelMicros());
        }
      }
      wallMicros += last > first ? last - first : 0;
    }
    int n = Math.max(1, traces.size());
    List<OpType> types = new ArrayList<>();
    byType.forEach((type, sum) -> types.add(new OpType(type, sum[0] / 1e3 / n, (double) sum[1] / n)));
    types.sort(Comparator.comparingDouble(OpType::millisPerStep).reversed());
    return new StepProfile(traces.size(), wallMicros / 1e3 / n, List.copyOf(types));
  }

  /**
   * The kernel's type from the trace's label ({@code "name = Type(inputs)"}), which names the
   * kernel that ran (e.g. oneDNN's {@code _MklMatMul} for a {@code MatMul}); else the node name.
   */
  static String opType(NodeExecStats node) {
    String label = node.getTimelineLabel();
    int eq = label.indexOf(" = ");
    int paren = label.indexOf('(', eq + 3);
    if (eq < 0 || paren < 0) {
      return node.getNodeName().startsWith("_") ? node.getNodeName() : "(" + node.getNodeName() + ")";
    }
    return label.substring(eq + 3, paren);
  }
}
