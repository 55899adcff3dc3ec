#!/usr/bin/env python3
"""Reference data for the Inception-ResNet-v2 Keras parity check (org.cbir.bench.KerasParity).

Builds keras.applications.InceptionResNetV2(weights=None) with a fixed seed, replaces every
weight by seeded random values (batch-norm moving mean and variance included, so that they
matter), and writes into OUT (default /work/keras-out):

  irv2_weights.h5         the weights in the layout of the Keras 2 applications file
                          inception_resnet_v2_weights_tf_dim_ordering_tf_kernels.h5 (root attribute
                          layer_names, one group per layer with attribute weight_names, datasets
                          "<layer>/<weight>:0", automatic names counted from conv2d_1)
  irv2_weights_notop.h5   the same without the predictions layer (the ..._notop.h5 file)
  irv2_weights_k3.h5      the same weights as Keras 3's own legacy writer writes them
                          (keras.src.legacy.saving.legacy_h5_format.save_weights_to_hdf5_group)
  irv2_full_model.h5      model.save(...) of the whole model (Keras's legacy full-model HDF5)
  irv2_input.npy          2 images, NHWC float32, already preprocessed (x / 127.5 - 1)
  irv2_avg_pool.npy       Keras's avg_pool output for them, (2, 1536)
  irv2_predictions.npy    Keras's predictions for them, (2, 1000)

With --fixtures DIR it also writes the small unit-test fixtures of cbir-nets into DIR:
  irv2_keras_layers.tsv   layer, weight and shape of every weight in irv2_weights.h5, in file order
  tiny_keras_weights.h5   a tiny conv2d_bn + residual conv + dense model in the same layout
  tiny_keras3_weights.h5  the same as Keras 3's legacy writer writes it
  tiny_keras_model.h5     the same model saved whole with model.save(...)
  tiny_keras_io.txt       its input (NHWC) and Keras's outputs, one labelled row of numbers each

Run (CPU, one thread) with a Python that has keras 3, tensorflow and h5py (measured with keras
3.15.1, tensorflow-cpu 2.21.0 and h5py 3.14 in a virtualenv, here called kerasenv):
  OMP_NUM_THREADS=1 kerasenv/bin/python tools/keras_inception_parity.py \
      --out /work/keras-out --fixtures cbir-nets/src/test/resources/org/cbir/nets/pretrained
"""
import argparse
import os
import re

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("TF_NUM_INTRAOP_THREADS", "1")
os.environ.setdefault("TF_NUM_INTEROP_THREADS", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import h5py  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

tf.config.threading.set_intra_op_parallelism_threads(1)
tf.config.threading.set_inter_op_parallelism_threads(1)

import keras  # noqa: E402
from keras.src.legacy.saving import legacy_h5_format  # noqa: E402

AUTO = re.compile(r"^(conv2d|batch_normalization|activation|max_pooling2d|average_pooling2d|concatenate"
                  r"|custom_scale_layer|lambda|input_layer)(?:_(\d+))?$")


def keras2_name(name):
    """Keras 3 counts automatic names from 'conv2d', Keras 2 from 'conv2d_1'."""
    m = AUTO.match(name)
    if not m:
        return name
    return f"{m.group(1)}_{int(m.group(2) or 0) + 1}"


def randomise(model, rng):
    for layer in model.layers:
        values = []
        for w in layer.weights:
            shape = tuple(w.shape)
            short = w.path.split("/")[-1]
            if short == "moving_variance":
                v = rng.uniform(0.5, 1.5, shape)
            elif short == "moving_mean":
                v = rng.normal(0.0, 0.2, shape)
            elif short in ("beta", "bias"):
                v = rng.normal(0.0, 0.1, shape)
            elif short == "kernel":
                fan_in = int(np.prod(shape[:-1]))
                v = rng.normal(0.0, np.sqrt(1.0 / fan_in), shape)
            else:
                raise ValueError(f"unexpected weight {w.path}")
            values.append(v.astype(np.float32))
        if values:
            layer.set_weights(values)


def write_keras2_weights(path, model, top=True):
    """The Keras 2 applications weights layout, written with h5py."""
    layers = [l for l in model.layers if top or l.name != "predictions"]
    with h5py.File(path, "w") as f:
        f.attrs["layer_names"] = np.array([keras2_name(l.name).encode("utf8") for l in layers])
        f.attrs["backend"] = b"tensorflow"
        f.attrs["keras_version"] = keras.__version__.encode("utf8")
        for layer in layers:
            name = keras2_name(layer.name)
            g = f.create_group(name)
            names = []
            for w in layer.weights:
                wname = f"{name}/{w.path.split('/')[-1]}:0"
                names.append(wname.encode("utf8"))
                g.create_dataset(wname, data=np.asarray(w.numpy(), dtype=np.float32))
            g.attrs["weight_names"] = np.array(names, dtype="S") if names else np.array([], dtype="S1")


def write_keras3_weights(path, model):
    with h5py.File(path, "w") as f:
        legacy_h5_format.save_weights_to_hdf5_group(f, model)


def write_catalog(path, h5):
    with h5py.File(h5, "r") as f, open(path, "w") as out:
        out.write("# layer\tweight\tshape (Keras order), from keras.applications.InceptionResNetV2 "
                  f"(keras {keras.__version__}) in the Keras 2 applications weights layout\n")
        for layer in f.attrs["layer_names"]:
            layer = layer.decode()
            for wname in f[layer].attrs["weight_names"]:
                wname = wname.decode()
                shape = "x".join(str(d) for d in f[layer][wname].shape)
                out.write(f"{layer}\t{wname}\t{shape}\n")


def tiny_fixture(dirname, rng):
    """conv2d_bn (3x2 kernel, stride 1, same) + a biased 1x1 up-projection + avg pool + dense."""
    inp = keras.Input((7, 6, 3))
    x = keras.layers.Conv2D(4, (3, 2), padding="same", use_bias=False)(inp)
    x = keras.layers.BatchNormalization(axis=3, scale=False)(x)
    x = keras.layers.Activation("relu")(x)
    x = keras.layers.Conv2D(5, 1, use_bias=True, name="block35_1_conv")(x)
    pool = keras.layers.GlobalAveragePooling2D(name="avg_pool")(x)
    out = keras.layers.Dense(3, activation="softmax", name="predictions")(pool)
    model = keras.Model(inp, [pool, out])
    randomise(model, rng)
    write_keras2_weights(os.path.join(dirname, "tiny_keras_weights.h5"), model)
    write_keras3_weights(os.path.join(dirname, "tiny_keras3_weights.h5"), model)
    model.save(os.path.join(dirname, "tiny_keras_model.h5"))
    x = rng.uniform(-1, 1, (1, 7, 6, 3)).astype(np.float32)
    p, o = model.predict(x, verbose=0)
    with open(os.path.join(dirname, "tiny_keras_io.txt"), "w") as f:
        f.write(f"# keras {keras.__version__}: input NHWC 1x7x6x3, avg_pool 1x5, predictions 1x3; layers "
                + " ".join(keras2_name(l.name) for l in model.layers) + "\n")
        for label, a in (("input", x), ("avg_pool", p), ("predictions", o)):
            f.write(label + " " + " ".join(repr(float(v)) for v in a.ravel()) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="/work/keras-out")
    ap.add_argument("--fixtures", default=None)
    ap.add_argument("--seed", type=int, default=20161)
    ap.add_argument("--images", type=int, default=2)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    keras.utils.set_random_seed(args.seed)
    rng = np.random.default_rng(args.seed)

    model = keras.applications.InceptionResNetV2(weights=None)
    randomise(model, rng)
    out = args.out
    write_keras2_weights(os.path.join(out, "irv2_weights.h5"), model, top=True)
    write_keras2_weights(os.path.join(out, "irv2_weights_notop.h5"), model, top=False)
    write_keras3_weights(os.path.join(out, "irv2_weights_k3.h5"), model)
    model.save(os.path.join(out, "irv2_full_model.h5"))

    raw = rng.uniform(0, 255, (args.images, 299, 299, 3)).astype(np.float32)
    x = (raw / 127.5 - 1.0).astype(np.float32)
    probe = keras.Model(model.input, [model.get_layer("avg_pool").output, model.output])
    pool, pred = probe.predict(x, batch_size=1, verbose=0)
    np.save(os.path.join(out, "irv2_input.npy"), x)
    np.save(os.path.join(out, "irv2_avg_pool.npy"), pool.astype(np.float32))
    np.save(os.path.join(out, "irv2_predictions.npy"), pred.astype(np.float32))
    print("avg_pool: mean %.4g max %.4g; predictions max %.4g" % (pool.mean(), pool.max(), pred.max()))

    if args.fixtures:
        os.makedirs(args.fixtures, exist_ok=True)
        write_catalog(os.path.join(args.fixtures, "irv2_keras_layers.tsv"), os.path.join(out, "irv2_weights.h5"))
        tiny_fixture(args.fixtures, np.random.default_rng(args.seed + 1))


if __name__ == "__main__":
    main()
