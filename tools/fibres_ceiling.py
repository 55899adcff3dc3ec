#!/usr/bin/python3
"""How well can any method separate the two classes of pyCBIR's fibres sample?

An independent reference for BENCHMARKS.md ("CNN signatures: LeNet"): scikit-learn classifiers
and nearest neighbours on the raw 16x16 pixels of samples/fibers_small (1,000 no_fibers, 1,000
yes_fibers), under the paper's protocol (10% of each class to train, 90% queried) and with nine
times the training data (10-fold cross-validation, 90% to train). Prints a Markdown table: the
mean and the spread over five seeded splits, overall and per class.

Run: /usr/bin/python3 tools/fibres_ceiling.py ../shared/data/pycbir-samples
(Debian's python3-skimage and python3-sklearn).
"""
import glob
import os
import sys

import numpy as np
from skimage import io
from sklearn.metrics import pairwise_distances
from sklearn.model_selection import StratifiedKFold, cross_val_predict, train_test_split
from sklearn.svm import SVC

CLASSES = ("no_fibers", "yes_fibers")


def load(samples):
    images, labels = [], []
    for label, name in enumerate(CLASSES):
        for path in sorted(glob.glob(os.path.join(samples, "fibers_small", "database", name, "*.tif"))):
            images.append(io.imread(path).astype(np.float64).ravel())
            labels.append(label)
    x = np.array(images)
    # Each image to zero mean and unit variance, as LeNetExtractor standardises its input.
    x = (x - x.mean(axis=1, keepdims=True)) / (x.std(axis=1, keepdims=True) + 1e-9)
    return x, np.array(labels)


def per_class(correct, labels):
    return [correct[labels == c].mean() for c in range(len(CLASSES))]


def row(name, scores):
    scores = np.array(scores)  # seeds x (overall, class 0, class 1)
    cells = " | ".join(f"{m:.3f} ± {s:.3f}" for m, s in zip(scores.mean(axis=0), scores.std(axis=0)))
    print(f"| {name} | {cells} |")


def main(samples):
    x, y = load(samples)
    seeds = range(5)
    print(f"| method (raw pixels, {len(y)} images) | accuracy | {CLASSES[0]} | {CLASSES[1]} |")
    print("|---|---:|---:|---:|")
    nn_loo, svm_10 = [], []
    for seed in seeds:
        train, test = train_test_split(np.arange(len(y)), train_size=0.1, stratify=y, random_state=seed)
        # Retrieval top-1 as the paper measures it: each queried image against the other queried ones.
        d = pairwise_distances(x[test])
        np.fill_diagonal(d, np.inf)
        correct = y[test][d.argmin(axis=1)] == y[test]
        nn_loo.append([correct.mean(), *per_class(correct, y[test])])
        svm = SVC(C=10).fit(x[train], y[train])
        correct = svm.predict(x[test]) == y[test]
        svm_10.append([correct.mean(), *per_class(correct, y[test])])
    row("nearest neighbour among the 90% queried (retrieval top-1, no training)", nn_loo)
    row("RBF SVM trained on 10%, tested on 90%", svm_10)
    svm_90 = []
    for seed in seeds:
        folds = StratifiedKFold(10, shuffle=True, random_state=seed)
        correct = cross_val_predict(SVC(C=10), x, y, cv=folds) == y
        svm_90.append([correct.mean(), *per_class(correct, y)])
    row("RBF SVM trained on 90% (10-fold cross-validation)", svm_90)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/pycbir-samples")
