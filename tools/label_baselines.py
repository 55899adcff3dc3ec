#!/usr/bin/python3
"""scikit-learn baselines for cbir's label suggestion and grouping, on the signatures that
cbir-bench's LabelQuality exported (same rows, same kept-label masks, same run).

Each CSV: label, kept_1, kept_5, kept_10 (1 where the label is kept), then the signature x0...
Signatures are scaled to unit length first, as cbir's cosine index ranks them. For each share
of kept labels: plain 1-NN (KNeighborsClassifier, cosine) and LabelSpreading with a 10-NN
kernel (alpha 0.2, scikit-learn's default, and 0.99, Zhou et al.'s), accuracy on the hidden
labels; then KMeans (k = number of classes, n_init=10) ARI and NMI against the classes, and,
where scikit-learn has it (1.3 or later; 1.2 of Debian bookworm has none), HDBSCAN with the
same minimum cluster size as cbir's rows (1% of the images, at least 10; min_samples left at
its default, the same number, as cbir's), on the same cosine distance (1 - cos). With
--labels-only the files get only the label rows (signatures trained on labels: no grouping).

Run by: java -cp ... org.cbir.bench.LabelQuality (which calls this script), or
PYTHON tools/label_baselines.py [--labels-only] FILE.csv...
(PYTHON: /usr/bin/python3, or the virtualenv of tools/setup_reference_venv.sh for HDBSCAN)
"""
import sys
import time

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score
from sklearn.neighbors import KNeighborsClassifier
from sklearn.preprocessing import LabelEncoder, normalize
from sklearn.semi_supervised import LabelSpreading

try:
    from sklearn.cluster import HDBSCAN
except ImportError:  # scikit-learn < 1.3
    HDBSCAN = None


def load(path):
    with open(path) as f:
        header = f.readline().strip().split(",")
    labels = np.loadtxt(path, delimiter=",", skiprows=1, usecols=[0], dtype=str)
    data = np.loadtxt(path, delimiter=",", skiprows=1, usecols=range(1, len(header)))
    kept_columns = [h for h in header if h.startswith("kept_")]
    masks = data[:, :len(kept_columns)].astype(bool)
    x = normalize(data[:, len(kept_columns):])
    return LabelEncoder().fit_transform(labels), masks, kept_columns, x


def main(args):
    labels_only = "--labels-only" in args
    paths = [a for a in args if a != "--labels-only"]
    print("scikit-learn %s" % sklearn.__version__)
    print()
    print("| signatures | labels kept | method | accuracy | seconds |")
    print("|---|---:|---|---:|---:|")
    clusters = []
    for path in paths:
        name = path.rsplit("/", 1)[-1][:-4]
        y, masks, columns, x = load(path)
        for m, column in enumerate(columns):
            kept = masks[:, m]
            hidden = ~kept
            start = time.time()
            knn = KNeighborsClassifier(n_neighbors=1).fit(x[kept], y[kept])
            acc = (knn.predict(x[hidden]) == y[hidden]).mean()
            print("| %s | %s%% | sklearn 1-NN | %.4f | %.1f |" % (name, column[5:], acc, time.time() - start))
            for alpha in (0.2, 0.99):
                start = time.time()
                target = np.where(kept, y, -1)
                spread = LabelSpreading(kernel="knn", n_neighbors=10, alpha=alpha, max_iter=100).fit(x, target)
                acc = (spread.transduction_[hidden] == y[hidden]).mean()
                print("| %s | %s%% | sklearn LabelSpreading knn 10, alpha %.2f | %.4f | %.1f |"
                      % (name, column[5:], alpha, acc, time.time() - start))
        if labels_only:
            continue
        start = time.time()
        km = KMeans(n_clusters=len(set(y)), n_init=10, random_state=0).fit(x).labels_
        clusters.append("| %s | sklearn KMeans, k = classes | %d | %.4f | %.4f | %.1f |"
                        % (name, len(set(y)), adjusted_rand_score(y, km), normalized_mutual_info_score(y, km),
                           time.time() - start))
        if HDBSCAN is not None:
            min_size = max(10, len(y) // 100)
            start = time.time()
            hd = HDBSCAN(min_cluster_size=min_size, metric="cosine", copy=True).fit(x).labels_
            clusters.append("| %s | sklearn HDBSCAN, min size %d | %d | %.4f | %.4f | %.1f |"
                            % (name, min_size, len(set(hd) - {-1}), adjusted_rand_score(y, hd),
                               normalized_mutual_info_score(y, hd), time.time() - start))
    if labels_only:
        sys.stdout.flush()
        return
    print()
    print("| signatures | grouping | groups | ARI | NMI | seconds |")
    print("|---|---|---:|---:|---:|---:|")
    for line in clusters:
        print(line)
    sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
