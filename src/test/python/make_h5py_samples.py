"""Writes the h5py-made Keras samples under src/test/resources/dev/rnnkit/keras/.

RNNKit's own writer uses jhdf, and jhdf cannot write some things Keras files hold (groups with
no children, such as the empty `vars` groups Keras 3 gives every layer or the group of a Dropout
layer in a legacy file). These samples are written by h5py, the library Keras itself writes
with, in the layouts that Keras's saving code produces (keras/src/saving/saving_lib.py for
.keras, tf_keras/saving/legacy/hdf5_format.py for .h5). They are not written by Keras: no Keras
runs here. Weight values are (i % 17 - 8) / 8 + k / 4 for element i of the k-th weight of the
file, which float32 holds exactly, so the tests can recompute them.

Run with Debian's python3-h5py:  /usr/bin/python3 src/test/python/make_h5py_samples.py
"""
import io
import json
import pathlib
import zipfile

import h5py
import numpy as np

OUT = pathlib.Path(__file__).resolve().parents[1] / "resources" / "dev" / "rnnkit" / "keras"


def values(shape, k):
    n = int(np.prod(shape))
    return ((np.arange(n) % 17 - 8) / 8 + k / 4).astype("<f4").reshape(shape)


def policy(name="float32"):
    return {"module": "keras", "class_name": "DTypePolicy", "config": {"name": name},
            "registered_name": None}


def keras3_sample():
    layers = [
        {"module": "keras.layers", "class_name": "InputLayer",
         "config": {"batch_shape": [None, 5, 1], "dtype": "float32", "sparse": False,
                    "ragged": False, "name": "input_layer", "optional": False},
         "registered_name": None},
        {"module": "keras.layers", "class_name": "LSTM",
         "config": {"name": "lstm", "trainable": True, "dtype": policy(),
                    "return_sequences": False, "return_state": False, "go_backwards": False,
                    "stateful": False, "unroll": False, "zero_output_for_mask": False,
                    "units": 4, "activation": "tanh", "recurrent_activation": "sigmoid",
                    "use_bias": True, "unit_forget_bias": True, "dropout": 0.0,
                    "recurrent_dropout": 0.0, "seed": None},
         "registered_name": None, "build_config": {"input_shape": [None, 5, 1]}},
        {"module": "keras.layers", "class_name": "Dropout",
         "config": {"name": "dropout", "trainable": True, "dtype": policy(), "rate": 0.2,
                    "seed": None, "noise_shape": None},
         "registered_name": None},
        {"module": "keras.layers", "class_name": "Dense",
         "config": {"name": "hidden", "trainable": True, "dtype": policy(), "units": 3,
                    "activation": "relu", "use_bias": True, "quantization_config": None},
         "registered_name": None, "build_config": {"input_shape": [None, 4]}},
        {"module": "keras.layers", "class_name": "Dense",
         "config": {"name": "out", "trainable": True, "dtype": policy(), "units": 1,
                    "activation": "linear", "use_bias": True, "quantization_config": None},
         "registered_name": None, "build_config": {"input_shape": [None, 3]}},
    ]
    config = {"module": "keras", "class_name": "Sequential",
              "config": {"name": "sequential", "trainable": True, "dtype": policy(),
                         "layers": layers},
              "registered_name": None, "build_config": {"input_shape": [None, 5, 1]}}
    weights = io.BytesIO()
    with h5py.File(weights, "w") as f:
        # Keras 3.16 makes a vars group, named by an attribute, for every object it visits.
        f.create_group("vars").attrs["name"] = "sequential"
        k = 0
        for path, name, shapes in [
            ("layers/lstm", "lstm", []),
            ("layers/lstm/cell", "lstm_cell", [(1, 16), (4, 16), (16,)]),
            ("layers/dropout", "dropout", []),
            ("layers/dense", "hidden", [(4, 3), (3,)]),
            ("layers/dense_1", "out", [(3, 1), (1,)]),
        ]:
            group = f.require_group(path).create_group("vars")
            group.attrs["name"] = name
            for i, shape in enumerate(shapes):
                group[str(i)] = values(shape, k)
                k += 1
        optimizer = f.create_group("optimizer").create_group("vars")
        optimizer["0"] = np.array(3, dtype="int64")
        optimizer["1"] = np.array(0.001, dtype="float32")
    with zipfile.ZipFile(OUT / "h5py_keras3.keras", "w") as z:
        z.writestr("metadata.json", json.dumps(
            {"keras_version": "3.16.0", "date_saved": "2026-11-26@10:00:00"}))
        z.writestr("config.json", json.dumps(config))
        z.writestr("model.weights.h5", weights.getvalue())


def legacy_sample():
    # tf.keras 2 without an InputLayer: the first layer carries batch_input_shape.
    config = {"class_name": "Sequential", "config": {"name": "sequential_1", "layers": [
        {"class_name": "Embedding", "config": {
            "name": "embedding_1", "trainable": True, "batch_input_shape": [None, 6],
            "dtype": "float32", "input_dim": 20, "output_dim": 2, "embeddings_initializer": {
                "class_name": "RandomUniform",
                "config": {"minval": -0.05, "maxval": 0.05, "seed": None}},
            "embeddings_regularizer": None, "activity_regularizer": None,
            "embeddings_constraint": None, "mask_zero": False, "input_length": 6}},
        {"class_name": "GRU", "config": {
            "name": "gru_3", "trainable": True, "dtype": "float32", "return_sequences": False,
            "return_state": False, "go_backwards": False, "stateful": False, "unroll": False,
            "time_major": False, "units": 3, "activation": "tanh",
            "recurrent_activation": "sigmoid", "use_bias": True, "dropout": 0.0,
            "recurrent_dropout": 0.0, "implementation": 2, "reset_after": True}},
        {"class_name": "Dropout", "config": {
            "name": "dropout_1", "trainable": True, "dtype": "float32", "rate": 0.5,
            "noise_shape": None, "seed": None}},
        {"class_name": "Dense", "config": {
            "name": "dense_9", "trainable": True, "dtype": "float32", "units": 2,
            "activation": "sigmoid", "use_bias": True}}]}}
    with h5py.File(OUT / "h5py_legacy.h5", "w") as f:
        f.attrs["keras_version"] = b"2.6.0"
        f.attrs["backend"] = b"tensorflow"
        f.attrs["model_config"] = json.dumps(config).encode("utf8")
        weights = f.create_group("model_weights")
        weights.attrs["layer_names"] = [b"embedding_1", b"gru_3", b"dropout_1", b"dense_9"]
        weights.attrs["backend"] = b"tensorflow"
        weights.attrs["keras_version"] = b"2.6.0"
        k = 0
        # hdf5_format.py creates the layer groups sorted by name.
        for layer, names, shapes in sorted([
            ("embedding_1", ["embedding_1/embeddings:0"], [(20, 2)]),
            ("gru_3", ["gru_3/gru_cell_3/kernel:0", "gru_3/gru_cell_3/recurrent_kernel:0",
                       "gru_3/gru_cell_3/bias:0"], [(2, 9), (3, 9), (2, 9)]),
            ("dropout_1", [], []),
            ("dense_9", ["dense_9/kernel:0", "dense_9/bias:0"], [(3, 2), (2,)]),
        ]):
            group = weights.create_group(layer)
            group.attrs["weight_names"] = np.array([n.encode("utf8") for n in names], dtype="S")
            for name, shape in zip(names, shapes):
                group.create_dataset(name, data=values(shape, {
                    "embedding_1": 0, "gru_3": 1, "dense_9": 4}[layer] + names.index(name)))
        top = weights.create_group("top_level_model_weights")
        top.attrs["weight_names"] = np.array([], dtype="S")


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    keras3_sample()
    legacy_sample()
    print("wrote", sorted(p.name for p in OUT.iterdir()))
