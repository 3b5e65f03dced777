package dev.rnnkit.optimizers;

import java.util.ArrayList;
import java.util.List;

/**
 * Keras 3.15.1's optimizers (base_optimizer.py, adam.py, rmsprop.py, sgd.py) written out in Java
 * doubles, one step at a time: clipping, weight decay, then the update. The tests compare the
 * graph's float32 updates with it.
 */
final class ReferenceOptimizer {

  private final Optimizer optimizer;
  /** Per slot name (m, v, vhat, velocity, momentum, average_gradient), per weight. */
  private final java.util.Map<String, List<double[]>> slots = new java.util.HashMap<>();
  private long iterations;

  ReferenceOptimizer(Optimizer optimizer) {
    this.optimizer = optimizer;
  }

  double[] slot(String name, int weight) {
    return slots.get(name).get(weight);
  }

  /** One step: {@code weights} are updated in place from {@code grads}. */
  void step(List<double[]> weights, List<double[]> grads) {
    if (slots.isEmpty()) {
      for (List<String> group : optimizer.slotGroups()) {
        for (String name : group) {
          List<double[]> perWeight = new ArrayList<>();
          weights.forEach(w -> perWeight.add(new double[w.length]));
          slots.put(name, perWeight);
        }
      }
    }
    List<double[]> g = clip(grads, optimizer.options());
    double lr = optimizer.learningRate();
    long t = iterations + 1;
    for (int i = 0; i < weights.size(); i++) {
      double[] w = weights.get(i);
      Float wd = optimizer.options().weightDecay();
      if (wd != null) {
        for (int k = 0; k < w.length; k++) {
          w[k] -= w[k] * wd * lr;
        }
      }
      update(i, w, g.get(i), lr, t);
    }
    iterations = t;
  }

  private void update(int i, double[] w, double[] g, double lr, long t) {
    if (optimizer instanceof Adam a) {
      adam(i, w, g, lr, t, a.beta1(), a.beta2(), a.epsilon(), a.amsgrad());
    } else if (optimizer instanceof AdamW a) {
      adam(i, w, g, lr, t, a.beta1(), a.beta2(), a.epsilon(), a.amsgrad());
    } else if (optimizer instanceof RMSprop r) {
      rmsprop(i, w, g, lr, r);
    } else {
      sgd(i, w, g, lr, (SGD) optimizer);
    }
  }

  private void adam(int i, double[] w, double[] g, double lr, long t, double b1, double b2,
      double eps, boolean amsgrad) {
    double[] m = slot("m", i);
    double[] v = slot("v", i);
    double alpha = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
    for (int k = 0; k < w.length; k++) {
      m[k] = b1 * m[k] + (1 - b1) * g[k];
      v[k] = b2 * v[k] + (1 - b2) * g[k] * g[k];
      double vk = v[k];
      if (amsgrad) {
        double[] vhat = slot("vhat", i);
        vhat[k] = Math.max(vhat[k], v[k]);
        vk = vhat[k];
      }
      w[k] -= m[k] * alpha / (Math.sqrt(vk) + eps);
    }
  }

  private void rmsprop(int i, double[] w, double[] g, double lr, RMSprop r) {
    double rho = r.rho();
    double[] vel = slot("velocity", i);
    for (int k = 0; k < w.length; k++) {
      vel[k] = rho * vel[k] + (1 - rho) * g[k] * g[k];
      double denominator = vel[k] + r.epsilon();
      if (r.centered()) {
        double[] avg = slot("average_gradient", i);
        avg[k] = rho * avg[k] + (1 - rho) * g[k];
        denominator = vel[k] - avg[k] * avg[k] + r.epsilon();
      }
      double increment = lr * g[k] / Math.sqrt(denominator);
      if (r.momentum() > 0) {
        double[] mom = slot("momentum", i);
        mom[k] = r.momentum() * mom[k] + increment;
        increment = mom[k];
      }
      w[k] -= increment;
    }
  }

  private void sgd(int i, double[] w, double[] g, double lr, SGD s) {
    for (int k = 0; k < w.length; k++) {
      if (s.momentum() == 0) {
        w[k] -= g[k] * lr;
        continue;
      }
      double[] m = slot("momentum", i);
      m[k] = m[k] * s.momentum() - g[k] * lr;
      w[k] += s.nesterov() ? m[k] * s.momentum() - g[k] * lr : m[k];
    }
  }

  /** Keras's _clip_gradients. */
  static List<double[]> clip(List<double[]> grads, OptimizerOptions o) {
    List<double[]> out = new ArrayList<>();
    if (o.clipnorm() != null && o.clipnorm() > 0) {
      for (double[] g : grads) {
        double norm = Math.sqrt(sumSquares(g));
        out.add(scaled(g, o.clipnorm() / Math.max(norm, o.clipnorm())));
      }
    } else if (o.globalClipnorm() != null && o.globalClipnorm() > 0) {
      double total = 0;
      for (double[] g : grads) {
        total += sumSquares(g);
      }
      double norm = Math.sqrt(total);
      double scale = o.globalClipnorm() * Math.min(1 / norm, 1 / (double) o.globalClipnorm());
      grads.forEach(g -> out.add(scaled(g, scale)));
    } else if (o.clipvalue() != null && o.clipvalue() > 0) {
      for (double[] g : grads) {
        double[] c = new double[g.length];
        for (int k = 0; k < g.length; k++) {
          c[k] = Math.max(-o.clipvalue(), Math.min(o.clipvalue(), g[k]));
        }
        out.add(c);
      }
    } else {
      grads.forEach(g -> out.add(g.clone()));
    }
    return out;
  }

  static double sumSquares(double[] g) {
    double s = 0;
    for (double x : g) {
      s += x * x;
    }
    return s;
  }

  private static double[] scaled(double[] g, double scale) {
    double[] c = new double[g.length];
    for (int k = 0; k < g.length; k++) {
      c[k] = g[k] * scale;
    }
    return c;
  }
}
