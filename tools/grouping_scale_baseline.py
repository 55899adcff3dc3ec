#!/usr/bin/python3
"""scikit-learn on the 100,000 x 64 rows of cbir-bench's GroupingScale, in the same run.

Reads DIR/rows.f32 (float32, little-endian, 64 per row) and DIR/labels.i32 (the true groups),
times KMeans (k = 20, n_init=10, as cbir's 10 starts) with its ARI and NMI, and LabelSpreading
(10-NN kernel, alpha 0.99) with 5% of the labels kept (a seeded random choice, not cbir's
split), its accuracy on the others. Prints Markdown table rows.

Run by GroupingScale, or: /usr/bin/python3 tools/grouping_scale_baseline.py DIR
"""
import sys
import time

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score
from sklearn.semi_supervised import LabelSpreading

folder = sys.argv[1]
y = np.fromfile(folder + "/labels.i32", dtype="<i4")
x = np.fromfile(folder + "/rows.f32", dtype="<f4").reshape(len(y), 64)
start = time.time()
km = KMeans(n_clusters=20, n_init=10, random_state=0).fit(x).labels_
print("| scikit-learn | KMeans, k = 20, n_init=10 | %.1f | ARI %.4f, NMI %.4f |"
      % (time.time() - start, adjusted_rand_score(y, km), normalized_mutual_info_score(y, km)))
rng = np.random.default_rng(7)
kept = rng.random(len(y)) < 0.05
start = time.time()
spread = LabelSpreading(kernel="knn", n_neighbors=10, alpha=0.99, max_iter=100).fit(x, np.where(kept, y, -1))
print("| scikit-learn | LabelSpreading knn 10, alpha 0.99, 5%% labels | %.1f | accuracy %.4f |"
      % (time.time() - start, (spread.transduction_[~kept] == y[~kept]).mean()))
sys.stdout.flush()
