#!/usr/bin/python3
"""Reference groupings for cbir-cluster's tests, computed with scikit-learn.

Writes cbir-cluster/src/test/resources/org/cbir/cluster/blobs-reference.csv: 600 points in 8
dimensions from make_blobs (4 centres, standard deviation 1.2, seed 3) plus 40 points drawn
uniformly over the data's bounding box (noise), with columns x0..x7, the true blob (-1 for the
noise points), scikit-learn's KMeans(n_clusters=4, n_init=10, random_state=0) label, and the
adjusted Rand index and NMI of KMeans against the truth in a comment line, so that the Java
ARI/NMI can be checked against sklearn.metrics on the same labels.
(scikit-learn 1.2 has no HDBSCAN, so the density-based grouping is checked against the truth.)

Run: /usr/bin/python3 tools/cluster_reference.py   (from the repository root)
"""
import numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

OUT = "cbir-cluster/src/test/resources/org/cbir/cluster/blobs-reference.csv"

x, y = make_blobs(n_samples=600, n_features=8, centers=4, cluster_std=1.2, center_box=(-10, 10), random_state=3)
rng = np.random.default_rng(3)
noise = rng.uniform(x.min(axis=0), x.max(axis=0), size=(40, 8))
x = np.vstack([x, noise])
y = np.concatenate([y, -np.ones(40, dtype=int)])
km = KMeans(n_clusters=4, n_init=10, random_state=0).fit(x).labels_
with open(OUT, "w") as f:
    f.write("# ari_kmeans_vs_truth=%.12f nmi_kmeans_vs_truth=%.12f\n"
            % (adjusted_rand_score(y, km), normalized_mutual_info_score(y, km)))
    f.write(",".join(["x%d" % i for i in range(8)] + ["truth", "kmeans"]) + "\n")
    for row, t, k in zip(x, y, km):
        f.write(",".join("%.6f" % v for v in row) + ",%d,%d\n" % (t, k))
