#!/usr/bin/env python3
"""Why cbir's k-means (Commons Math 3's KMeansPlusPlusClusterer) lands in a worse optimum than
scikit-learn's KMeans on GroupingScale's 100,000 x 64 rows: the seeding.

Commons Math seeds each start by plain k-means++ (Arthur and Vassilvitskii 2007: each next centre
drawn with probability proportional to D^2). scikit-learn's default is greedy k-means++: at each
step it draws 2 + log(k) candidates and keeps the one that lowers the inertia most. scikit-learn's
own kmeans_plusplus takes the number of candidates (n_local_trials), so both seedings can be run
here with the same Lloyd iterations: for each, the ARI of every one of N single starts and of the
best of them by inertia (as cbir and scikit-learn keep it).

Reads DIR/rows.f32 and DIR/labels.i32 as written by org.cbir.bench.GroupingScale.
Run: PYTHON tools/kmeans_seeding.py DIR [starts]
"""
import sys
import time

import numpy as np
from sklearn.cluster import KMeans, kmeans_plusplus
from sklearn.metrics import adjusted_rand_score

folder = sys.argv[1]
starts = int(sys.argv[2]) if len(sys.argv) > 2 else 10
y = np.fromfile(folder + "/labels.i32", dtype="<i4")
x = np.fromfile(folder + "/rows.f32", dtype="<f4").reshape(len(y), 64).astype(np.float64)
k = len(set(y))
print("%d x %d, k = %d, %d seeded starts each" % (x.shape[0], x.shape[1], k, starts))
print()
print("| seeding | candidates per centre | single-start ARI: min / median / max | starts with ARI 1 | best-of-%d ARI | seconds |" % starts)
print("|---|---:|---|---:|---:|---:|")
for name, trials in (("plain k-means++ (Commons Math's)", 1), ("greedy k-means++ (scikit-learn's)", None)):
    start = time.time()
    aris, inertias = [], []
    for s in range(starts):
        centres, _ = kmeans_plusplus(x, k, random_state=s, n_local_trials=trials)
        km = KMeans(n_clusters=k, init=centres, n_init=1, algorithm="lloyd", max_iter=300).fit(x)
        aris.append(adjusted_rand_score(y, km.labels_))
        inertias.append(km.inertia_)
    best = aris[int(np.argmin(inertias))]
    print("| %s | %s | %.4f / %.4f / %.4f | %d | %.4f | %.1f |"
          % (name, trials if trials else "2 + log k = %d" % (2 + int(np.log(k))), min(aris), np.median(aris), max(aris),
             sum(a > 0.9999 for a in aris), best, time.time() - start))
sys.stdout.flush()
