"""Checks an RNNKit export with Python TensorFlow (CI cannot run this: no TensorFlow there).

Usage: python check_export.py out/lstm/model

Loads the SavedModel with tf.saved_model.load, calls its signatures on the sample inputs that
RNNKit stored in assets.extra/java_predictions.json, and compares with the outputs Java got.
"""
import json
import sys

import numpy as np
import tensorflow as tf

model_dir = sys.argv[1]
with open(f"{model_dir}/assets.extra/java_predictions.json") as f:
    java = json.load(f)
model = tf.saved_model.load(model_dir)
print("signatures:", list(model.signatures.keys()))

ids_key = java.get("ids_key", "token_ids")  # Keras's Input layer name for models without text
calls = {"serving_default": {ids_key: tf.constant(java["token_ids"], tf.int32)}}
if "serving_text" in java:
    calls["serving_text"] = {"text": tf.constant(java["texts"])}
worst = 0.0
for name, inputs in calls.items():
    outputs = model.signatures[name](**inputs)
    for key, expected in java[name].items():
        got = outputs[key].numpy().ravel()
        diff = float(np.max(np.abs(got - np.asarray(expected, np.float32))))
        worst = max(worst, diff)
        print(f"{name}/{key}: max |python - java| = {diff:.3g}")
print("OK" if worst <= 1e-5 else "MISMATCH")
sys.exit(0 if worst <= 1e-5 else 1)
