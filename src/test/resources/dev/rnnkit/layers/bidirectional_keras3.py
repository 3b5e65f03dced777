import keras_numpy_boot
import json, numpy as np, keras
from keras import layers

def f32(a): return [float(np.float32(x)) for x in np.asarray(a, dtype=np.float32).ravel()]

ids = np.array([[0, 0, 3, 7, 2, 5], [4, 1, 0, 6, 0, 0], [2, 9, 8, 1, 3, 4], [0, 0, 0, 0, 0, 0]], dtype='int32')
ids_nomask = np.array([[1, 0, 3, 7, 2, 5], [4, 1, 9, 6, 0, 2], [2, 9, 8, 1, 3, 4]], dtype='int32')
cases = [
  ("lstm_seq_concat_mask", "LSTM", 3, True, "concat", True, ids),
  ("gru_seq_mul_mask", "GRU", 3, True, "mul", True, ids),
  ("gru_seq_ave_mask", "GRU", 2, True, "ave", True, ids),
  ("lstm_last_sum_mask", "LSTM", 3, False, "sum", True, ids),
  ("gru_last_concat_nomask", "GRU", 3, False, "concat", False, ids_nomask),
  ("lstm_seq_ave_nomask", "LSTM", 2, True, "ave", False, ids_nomask),
  ("lstm_last_mul_mask", "LSTM", 2, False, "mul", True, ids),
  ("gru_seq_concat_mask", "GRU", 2, True, "concat", True, ids),
]
out = []
for i, (name, cell, units, seq, mode, mask, x) in enumerate(cases):
    rnn = getattr(layers, cell)(units, return_sequences=seq, go_backwards=name.endswith("go_backwards"))
    model = keras.Sequential([keras.Input(shape=(x.shape[1],), dtype='int32'),
                              layers.Embedding(10, 4, mask_zero=mask),
                              layers.Bidirectional(rnn, merge_mode=mode)])
    rng = np.random.default_rng(500 + i)
    for w in model.weights:
        w.assign(rng.uniform(-0.8, 0.8, size=w.shape).astype('float32'))
    y = model.predict(x, verbose=0)
    out.append({"name": name, "cell": cell, "units": units, "return_sequences": seq,
                "merge_mode": mode, "go_backwards": name.endswith("go_backwards"), "mask_zero": mask, "ids": x.tolist(),
                "weights": [{"path": w.path, "shape": list(w.shape), "values": f32(w.numpy())} for w in model.weights],
                "output_shape": list(y.shape), "expected": f32(y)})
json.dump({"keras_version": keras.__version__, "backend": keras.backend.backend(),
           "generator": "Embedding(10, 4, mask_zero) -> Bidirectional(cell(units, return_sequences), merge_mode); weights uniform(-0.8, 0.8), default_rng(500 + case index), in model.weights order",
           "cases": out}, open("/tmp/bidi/bidirectional_keras3.json", "w"), indent=1)
print("ok", [ (c["name"], c["output_shape"]) for c in out])
