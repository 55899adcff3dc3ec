#!/usr/bin/python3
"""scikit-image's single-thread throughput (images per CPU-second) for the descriptors of cbir-bench's DescriptorThroughput,
with the same parameters, on the same images (every (2000/N)-th GISAXS pattern in file order).

Usage: OMP_NUM_THREADS=1 /usr/bin/python3 tools/skimage_throughput.py SAMPLES N SECONDS OUT.tsv
Writes one line per descriptor, in DescriptorThroughput's order: name <TAB> images per second.
"""
import os
import sys
import time

import numpy as np
from skimage.feature import daisy, graycomatrix, graycoprops, hog, local_binary_pattern
from skimage.io import imread
from skimage.transform import resize

samples, count, seconds, out = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
database = os.path.join(samples, "gisaxs", "database")
paths = [os.path.join(database, label, name)
         for label in sorted(os.listdir(database))
         for name in sorted(os.listdir(os.path.join(database, label))) if not name.startswith(".")]
stride = max(1, len(paths) // count)
images = [imread(p) for p in paths[::stride][:count]]


def first_order(img):
    v = img.astype(np.float64).ravel() / 255.0
    p = np.bincount(np.minimum(255, (v * 256).astype(int)), minlength=256) / v.size
    nz = p[p > 0]
    m = v.mean()
    d = v - m
    m2, m3, m4 = (d ** 2).mean(), (d ** 3).mean(), (d ** 4).mean()
    hist = np.bincount(np.minimum(31, (v * 32).astype(int)), minlength=32) / v.size
    return np.concatenate([[-(nz * np.log2(nz)).sum(), (p ** 2).sum(), m, m2, m3 / m2 ** 1.5,
                            m4 / m2 ** 2 - 3, 1 - 1 / (1 + m2)], hist])


def glcm(img):
    p = graycomatrix(img, [1], [0, np.pi / 4, np.pi / 2, 3 * np.pi / 4], levels=256, normed=True)
    pooled = p.mean(axis=3, keepdims=True)
    props = [graycoprops(pooled, name)[0, 0] for name in
             ("contrast", "dissimilarity", "homogeneity", "energy", "correlation", "ASM")]
    q = pooled[pooled > 0]
    return np.array(props + [-(q * np.log(q)).sum()])


def hog64(img):
    small = resize(img.astype(np.float64) / 255.0, (64, 64), order=1, mode="edge", anti_aliasing=False)
    return hog(small, orientations=9, pixels_per_cell=(8, 8), cells_per_block=(3, 3), block_norm="L2-Hys")


def lbp(img):
    codes = local_binary_pattern(img, 8, 1, "uniform")
    return np.histogram(codes, bins=10, range=(0, 10))[0] / codes.size


def daisy_mean(img):
    return daisy(img.astype(np.float64) / 255.0).reshape(-1, 200).mean(axis=0)


DESCRIPTORS = [("first-order statistics + 32-bin histogram (numpy)", first_order), ("GLCM", glcm),
               ("HOG", hog64), ("LBP", lbp), ("Daisy", daisy_mean)]


def throughput(fn):
    """Images per CPU-second of this (single-threaded) process, after a warm-up."""
    for img in images[:20]:
        fn(img)
    done, start, cpu = 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - start < seconds:
        fn(images[done % len(images)])
        done += 1
    return done / (time.process_time() - cpu)


with open(out, "w") as f:
    for name, fn in DESCRIPTORS:
        f.write("%s\t%.1f\n" % (name, throughput(fn)))
