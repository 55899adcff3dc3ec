#!/usr/bin/python3
"""Reference DAISY descriptors from scikit-image, for the parity tests of cbir-features.

Runs skimage.feature.daisy (Debian python3-skimage; run with /usr/bin/python3) on real images
of the shared pyCBIR samples and on synthetic edge cases, and writes the dense descriptor
arrays, with their mean and population standard deviation over the grid, to a binary fixture
that org.cbir.features.daisy.DaisyParityTest reads with a DataInputStream.

Usage:  /usr/bin/python3 tools/daisy_reference.py [SAMPLES_DIR] [OUTPUT_FILE]
  SAMPLES_DIR  default: ../shared/data/pycbir-samples (relative to the repository root)
  OUTPUT_FILE  default: cbir-features/src/test/resources/org/cbir/features/daisy/daisy-reference.bin
Throughput against scikit-image is measured by tools/bench-descriptors.sh.

Input intensities are made exactly as the Java side makes them: 8-bit samples as float32,
times float32(1/255) (Image.greyIntensities), then widened to float64 for skimage. Images
smaller than the extractor's minimum size are first up-scaled with skimage.transform.resize
(order 1, mode 'edge', no anti-aliasing: bilinear with pixel centres aligned), rounded to
float32 like an Image's samples.

Fixture grammar (big-endian, as java.io.DataInput reads it):
  file     := magic:"CBIRDSY1" count:int32 case*count
  case     := name:utf source:utf width:int32 height:int32 pixels?
              step:int32 radius:int32 rings:int32 histograms:int32 orientations:int32
              normalization:utf sigmas:doubles ringRadii:doubles
              rows:int32 cols:int32 length:int32 descriptors:float32*(rows*cols*length)
              mean:float64*length std:float64*length
  utf      := length:uint16 ascii-bytes          (java.io.DataOutput.writeUTF of ASCII text)
  doubles  := n:int32 float64*n                  (n = -1: the parameter was not given, None)
  pixels   := float32*(width*height)             (row-major; only when source is "")
  source is a path relative to SAMPLES_DIR, or "" for a synthetic image whose pixels follow;
  width/height are those of the image given to daisy (after any up-scaling).
"""
import os
import struct
import sys

import numpy as np
from PIL import Image
from skimage.feature import daisy
from skimage.transform import resize

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ARGS = sys.argv[1:]
SAMPLES = ARGS[0] if len(ARGS) > 0 else os.path.join(ROOT, '..', 'shared', 'data', 'pycbir-samples')
OUTPUT = ARGS[1] if len(ARGS) > 1 else os.path.join(
    ROOT, 'cbir-features', 'src', 'test', 'resources', 'org', 'cbir', 'features', 'daisy',
    'daisy-reference.bin')
MINIMUM_SIZE = 32  # DaisyExtractor's default minimum side (pyCBIR's daisy up-scaled to 32x32)
SCALE = np.float32(1.0 / 255.0)


def utf(text):
    data = text.encode('ascii')
    return struct.pack('>H', len(data)) + data


def doubles(values):
    if values is None:
        return struct.pack('>i', -1)
    values = [float(v) for v in values]
    return struct.pack('>i', len(values)) + struct.pack('>%dd' % len(values), *values)


def first_image(folder):
    names = sorted(n for n in os.listdir(os.path.join(SAMPLES, folder)) if not n.startswith('.'))
    return os.path.join(folder, names[0])


def read_grey(relative):
    """Intensities in 0..1 as the Java side computes them, up-scaled when below the minimum."""
    samples = np.asarray(Image.open(os.path.join(SAMPLES, relative)), dtype=np.uint8).astype(np.float32)
    h, w = samples.shape
    if h < MINIMUM_SIZE or w < MINIMUM_SIZE:
        target = (max(h, MINIMUM_SIZE), max(w, MINIMUM_SIZE))
        samples = resize(samples.astype(np.float64), target, order=1, mode='edge',
                         anti_aliasing=False, preserve_range=True).astype(np.float32)
    return (samples * SCALE).astype(np.float64)


def case(name, image, source='', step=4, radius=15, rings=3, histograms=8, orientations=8,
         normalization='l1', sigmas=None, ring_radii=None):
    # Java images hold float32 samples: synthetic pixels are rounded to float32 first.
    image = np.ascontiguousarray(image, dtype=np.float32).astype(np.float64)
    descs = daisy(image, step=step, radius=radius, rings=rings, histograms=histograms,
                  orientations=orientations, normalization=normalization,
                  sigmas=None if sigmas is None else list(sigmas),
                  ring_radii=None if ring_radii is None else list(ring_radii))
    rows, cols, length = descs.shape
    flat = descs.reshape(-1, length)
    out = [utf(name), utf(source), struct.pack('>ii', image.shape[1], image.shape[0])]
    if source == '':
        out.append(image.astype('>f4').tobytes())
    out.append(struct.pack('>iiiii', step, radius, rings, histograms, orientations))
    out.append(utf(normalization))
    out.append(doubles(sigmas))
    out.append(doubles(ring_radii))
    out.append(struct.pack('>iii', rows, cols, length))
    out.append(descs.astype('>f4').tobytes())
    out.append(flat.mean(axis=0).astype('>f8').tobytes())
    out.append(flat.std(axis=0).astype('>f8').tobytes())
    return b''.join(out)


def main():
    rng = np.random.default_rng(20240611)
    cases = []
    gisaxs = [first_image('gisaxs/database/' + c) for c in ('bcc', 'cubic100', 'fcc100', 'hcpnone')]
    fibers = [first_image('fibers_small/database/' + c) for c in ('yes_fibers', 'no_fibers')]

    # Real images: skimage defaults, then each normalisation and other shapes of the descriptor.
    cases.append(case('gisaxs-defaults', read_grey(gisaxs[0]), gisaxs[0]))
    cases.append(case('gisaxs-l2-step8', read_grey(gisaxs[1]), gisaxs[1], step=8, normalization='l2'))
    cases.append(case('gisaxs-daisy-step8', read_grey(gisaxs[2]), gisaxs[2], step=8, normalization='daisy'))
    cases.append(case('gisaxs-off-step8', read_grey(gisaxs[3]), gisaxs[3], step=8, normalization='off'))
    cases.append(case('gisaxs-custom', read_grey(gisaxs[0]), gisaxs[0], step=5, histograms=6,
                      orientations=4, sigmas=[1.0, 2.0, 3.5], ring_radii=[3, 7]))
    cases.append(case('gisaxs-rings2-radius10', read_grey(gisaxs[1]), gisaxs[1], step=8, radius=10,
                      rings=2, histograms=12, orientations=6))
    # 16x16 fibre patches, up-scaled to 32x32: skimage defaults and pyCBIR's parameters.
    cases.append(case('fibers-defaults', read_grey(fibers[0]), fibers[0]))
    cases.append(case('fibers-pycbir', read_grey(fibers[1]), fibers[1], step=4, rings=3,
                      histograms=2, orientations=8))

    # Synthetic edge cases.
    cases.append(case('constant-l1', np.full((40, 40), 0.5), radius=6, step=6))
    cases.append(case('constant-daisy', np.full((40, 33), 0.25), radius=6, step=5, normalization='daisy'))
    cases.append(case('constant-off', np.full((31, 31), 0.75), normalization='off'))
    stripes = np.zeros((37, 37))
    stripes[:, ::2] = 1.0
    cases.append(case('stripes-vertical', stripes, radius=8, step=4))
    cases.append(case('stripes-horizontal-l2', stripes.T.copy(), radius=8, step=4, normalization='l2'))
    checker = np.indices((29, 34)).sum(axis=0) % 2 * 1.0
    cases.append(case('checkerboard-off', checker, radius=5, step=3, normalization='off'))
    cases.append(case('noise-non-square', rng.random((45, 70)), radius=9, step=5, normalization='l2'))
    cases.append(case('noise-tall-daisy', rng.random((64, 23)), radius=7, step=4, rings=2,
                      histograms=5, orientations=7, normalization='daisy'))
    # Kernels wider than the image (repeated reflection), the smallest image, a zero sigma.
    cases.append(case('noise-smallest', rng.random((7, 9)), radius=3, step=1, rings=1, histograms=4))
    cases.append(case('noise-wide-kernels', rng.random((8, 11)), radius=3, step=2,
                      sigmas=[6.0, 4.0, 9.0], ring_radii=[2, 3]))
    cases.append(case('noise-zero-sigma', rng.random((20, 20)), radius=4, step=2,
                      sigmas=[0.0, 1.0], normalization='off'))
    cases.append(case('gradient-ramp', np.add.outer(np.linspace(0, 1, 30), np.linspace(0, 0.5, 41)),
                      radius=6, step=5, normalization='daisy'))

    os.makedirs(os.path.dirname(OUTPUT), exist_ok=True)
    with open(OUTPUT, 'wb') as f:
        f.write(b'CBIRDSY1')
        f.write(struct.pack('>i', len(cases)))
        for c in cases:
            f.write(c)
    print('wrote %d cases to %s (%d bytes)' % (len(cases), OUTPUT, os.path.getsize(OUTPUT)))


if __name__ == '__main__':
    main()
