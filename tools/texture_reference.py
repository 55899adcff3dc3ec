#!/usr/bin/python3
"""Reference GLCM, HOG and LBP signatures from scikit-image, for the parity tests of cbir-features.

Runs skimage.feature.graycomatrix/graycoprops, hog and local_binary_pattern (Debian
python3-skimage; run with /usr/bin/python3) on real images of the shared pyCBIR samples and on
synthetic edge cases, and writes the signatures the Java extractors must reproduce to a text
fixture read by org.cbir.features.TextureReference.

Usage:  /usr/bin/python3 tools/texture_reference.py [SAMPLES_DIR] [OUTPUT_FILE]
  SAMPLES_DIR  default: ../shared/data/pycbir-samples (relative to the repository root)
  OUTPUT_FILE  default: cbir-features/src/test/resources/org/cbir/features/texture-reference.txt

The input is made exactly as the Java side makes it (Image.greyIntensities):
  grey 8-bit samples -> float32, times float32(1/255);
  RGB 8-bit samples  -> float32 luminance (0.2125 r + 0.7154 g) + 0.0721 b, then times float32(1/255).
Then, per descriptor:
  GLCM: level = clip(floor(float64(v) * levels), 0, levels - 1); graycomatrix(normed=True) on
        the levels; the properties of graycoprops, plus 'entropy' = -sum p ln p over p > 0
        (natural log, as graycoprops of scikit-image >= 0.24; 0.19 lacks it).
        aggregation 'per-angle': every (distance, angle); 'mean': the property averaged over
        the angles; 'pooled': the property of the angle-averaged normalised matrix (pyCBIR's
        isotropic GLCM). Order: property, then distance, then angle.
  HOG:  hog(float32 intensities, feature_vector=True) at the image's own size (the fixture's
        width/height parameters equal the image size, so the Java side does not resize).
  LBP:  local_binary_pattern(float64(v), P, R, method); the histogram of codes over
        2^P (default, ror), P + 2 (uniform), P (P - 1) + 3 (nri_uniform) bins; for 'var',
        NaN (flat neighbourhood) counts as 0, values are clipped to [0, variance-max] and
        binned by numpy.histogram(bins=variance-bins, range=(0, variance-max));
        divided by the number of pixels.

Fixture grammar (UTF-8 text, one record a line, fields separated by single spaces):
  line   := comment | image | case
  comment:= '#' text
  image  := 'image' name 'file' relative-path width height channels pixel-sum
          | 'image' name 'synth' kind width height channels
  case   := 'case' type image-name params count value*count
  params := name '=' value (';' name '=' value)*     (the extractor's ComponentSpec parameters)
Synthetic kinds (8-bit values, x column, y row, w width, h height; SyntheticImages.java makes
the same):
  constant: 128;  stripes-v: 255 (x mod 2);  stripes-h: 255 (y mod 2);
  checker: 255 ((x + y) mod 2);  rings: 7 ((x - w div 2)^2 + (y - h div 2)^2) mod 256;
  noise: successive outputs of s = (1103515245 s + 12345) mod 2^31, s0 = 42, sample (s >> 16) mod 256,
         row-major (channels interleaved for rgb-noise).
"""
import os
import sys

import numpy as np
import skimage
from skimage.feature import graycomatrix, graycoprops, hog, local_binary_pattern
from skimage.io import imread

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLES = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, '..', 'shared', 'data', 'pycbir-samples')
OUTPUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
    ROOT, 'cbir-features', 'src', 'test', 'resources', 'org', 'cbir', 'features', 'texture-reference.txt')
SCALE = np.float32(1.0 / 255.0)

REAL = [
    ('gisaxs-bcc', 'gisaxs/database/bcc/bcc_100_Xs105_Ys105_Zs33_Na12_Nb12_Nc12__20160928_212133.png'),
    ('gisaxs-cubic', 'gisaxs/database/cubic100/cubic_100_Xs105_Ys105_Zs42_Na19_Nb14_Nc17__20160918_053907.png'),
    ('gisaxs-fcc', 'gisaxs/database/fcc100/fcc_100_Xs25_Ys105_Zs51_Na13_Nb13_Nc15__20160918_125513.png'),
    ('gisaxs-hcp', 'gisaxs/database/hcpnone/hcp_none_Xs105_Ys105_Zs25_Na18_Nb18_Nc17__20160925_200932.png'),
    ('fibre-yes-1', 'fibers_small/database/yes_fibers/f_168_256_243.tif'),
    ('fibre-yes-2', 'fibers_small/database/yes_fibers/f_178_226_48.tif'),
    ('fibre-no-1', 'fibers_small/database/no_fibers/nf_133_259_60.tif'),
]
SYNTHETIC = [
    ('constant-16', 'constant', 16, 16, 1),
    ('stripes-v-16', 'stripes-v', 16, 16, 1),
    ('stripes-h-20x12', 'stripes-h', 20, 12, 1),
    ('checker-16', 'checker', 16, 16, 1),
    ('rings-100', 'rings', 100, 100, 1),
    ('noise-100', 'noise', 100, 100, 1),
    ('noise-37x23', 'noise', 37, 23, 1),
    ('rgb-noise-40x30', 'noise', 40, 30, 3),
]

QUARTER = [0.0, np.pi / 4, np.pi / 2, 3 * np.pi / 4]
ALL_PROPS = ['contrast', 'dissimilarity', 'homogeneity', 'energy', 'correlation', 'asm', 'entropy']
GLCM = [
    dict(levels=256, distances=[1], angles=QUARTER, symmetric=False, properties=ALL_PROPS, aggregation='pooled'),
    dict(levels=8, distances=[1, 2, 3], angles=QUARTER, symmetric=True, properties=ALL_PROPS,
         aggregation='per-angle'),
    dict(levels=16, distances=[1, 4], angles=[0.0, np.pi / 6, np.pi / 3, np.pi / 2, 2.5], symmetric=False,
         properties=['correlation', 'entropy', 'contrast', 'asm'], aggregation='mean'),
    dict(levels=2, distances=[1, 20], angles=[0.0, np.pi / 2], symmetric=True, properties=ALL_PROPS,
         aggregation='per-angle'),
    dict(levels=64, distances=[2], angles=[np.pi, -np.pi / 4], symmetric=False, properties=ALL_PROPS,
         aggregation='pooled'),
]
# (orientations, cell w, cell h, block w, block h, norm, transform-sqrt); the large-cell settings
# are for images of at least 64x64 (they keep the fixture small), the others for smaller ones.
HOG_LARGE = [
    (9, 8, 8, 3, 3, 'l2-hys', False),
    (8, 16, 12, 2, 2, 'l1-sqrt', True),
    (12, 20, 20, 1, 1, 'l2', False),
    (4, 10, 10, 2, 2, 'l2-hys', False),
    (6, 9, 11, 3, 2, 'l1', True),
]
HOG_SMALL = [
    (9, 8, 8, 3, 3, 'l2-hys', False),
    (9, 4, 4, 2, 2, 'l1', False),
    (8, 5, 3, 2, 3, 'l1-sqrt', True),
    (12, 6, 6, 1, 1, 'l2', False),
    (4, 4, 4, 2, 2, 'l2-hys', False),
    (6, 3, 5, 3, 2, 'l2', True),
]
HOG_NORMS = {'l1': 'L1', 'l1-sqrt': 'L1-sqrt', 'l2': 'L2', 'l2-hys': 'L2-Hys'}
# (points, radius, method, variance bins, variance max)
LBP = [
    (8, 1.0, 'uniform', None, None),
    (8, 1.0, 'default', None, None),
    (8, 1.0, 'ror', None, None),
    (16, 2.0, 'nri_uniform', None, None),
    (16, 2.0, 'uniform', None, None),
    (8, 1.0, 'var', 16, 0.0625),
    (24, 3.0, 'uniform', None, None),
    (12, 1.5, 'ror', None, None),
    (4, 2.5, 'default', None, None),
    (16, 2.0, 'var', 32, 0.01),
    (6, 1.3, 'nri_uniform', None, None),
]


def synthetic(kind, w, h, channels):
    y, x = np.mgrid[0:h, 0:w]
    if kind == 'constant':
        v = np.full((h, w), 128)
    elif kind == 'stripes-v':
        v = 255 * (x % 2)
    elif kind == 'stripes-h':
        v = 255 * (y % 2)
    elif kind == 'checker':
        v = 255 * ((x + y) % 2)
    elif kind == 'rings':
        v = (7 * ((x - w // 2) ** 2 + (y - h // 2) ** 2)) % 256
    elif kind == 'noise':
        s = 42
        values = []
        for _ in range(w * h * channels):
            s = (1103515245 * s + 12345) % (1 << 31)
            values.append((s >> 16) % 256)
        v = np.array(values).reshape((h, w, channels) if channels == 3 else (h, w))
    else:
        raise ValueError(kind)
    return v.astype(np.uint8)


def intensities(pixels):
    """float32 grey intensities in 0..1, computed as Image.greyIntensities computes them."""
    f = pixels.astype(np.float32)
    if f.ndim == 3:
        f = (np.float32(0.2125) * f[:, :, 0] + np.float32(0.7154) * f[:, :, 1]) + np.float32(0.0721) * f[:, :, 2]
    return f * SCALE


def glcm(v, o):
    levels = o['levels']
    q = np.clip(np.floor(v.astype(np.float64) * levels), 0, levels - 1).astype(np.int64)
    p = graycomatrix(q, o['distances'], o['angles'], levels=levels, symmetric=o['symmetric'], normed=True)
    if o['aggregation'] == 'pooled':
        p = p.mean(axis=3, keepdims=True)
    out = []
    for prop in o['properties']:
        if prop == 'entropy':
            s = p / np.maximum(p.sum(axis=(0, 1), keepdims=True), 1e-300)
            ln = -np.log(s, where=(s != 0), out=np.zeros_like(s))
            r = np.sum(s * ln, axis=(0, 1))
        else:
            r = graycoprops(p, 'ASM' if prop == 'asm' else prop)
        if o['aggregation'] == 'mean':
            r = r.mean(axis=1)
        out.extend(np.ravel(r))
    params = dict(levels=levels, distances=','.join(str(d) for d in o['distances']),
                  angles=','.join(repr(float(a)) for a in o['angles']),
                  symmetric=str(o['symmetric']).lower(), properties=','.join(o['properties']),
                  aggregation=o['aggregation'])
    return params, out


def hog_case(v, setting):
    orientations, cw, ch, bw, bh, norm, sqrt = setting
    h, w = v.shape
    if w // cw < bw or h // ch < bh:
        return None
    out = hog(v, orientations=orientations, pixels_per_cell=(ch, cw), cells_per_block=(bh, bw),
              block_norm=HOG_NORMS[norm], transform_sqrt=sqrt, feature_vector=True)
    assert out.dtype == np.float32
    params = {'orientations': orientations, 'cell-width': cw, 'cell-height': ch, 'block-width': bw,
              'block-height': bh, 'block-norm': norm, 'transform-sqrt': str(sqrt).lower(),
              'width': w, 'height': h}
    return params, [float(x) for x in out]


def lbp(v, setting):
    points, radius, method, bins, vmax = setting
    codes = local_binary_pattern(v.astype(np.float64), points, radius, method)
    n = codes.size
    params = {'points': points, 'radius': repr(radius), 'method': method}
    if method == 'var':
        values = np.clip(np.nan_to_num(codes, nan=0.0), 0.0, vmax).ravel()
        counts, _ = np.histogram(values, bins=bins, range=(0.0, vmax))
        params.update({'variance-bins': bins, 'variance-max': repr(vmax)})
    else:
        size = {'default': 2 ** points, 'ror': 2 ** points, 'uniform': points + 2,
                'nri_uniform': points * (points - 1) + 3}[method]
        counts = np.bincount(codes.astype(np.int64).ravel(), minlength=size)
        assert counts.size == size
    return params, list(counts / n)


def number(x):
    return '0' if x == 0 else '%.10g' % x


def main():
    lines = ['# Generated by tools/texture_reference.py with scikit-image %s, numpy %s; do not edit.'
             % (skimage.__version__, np.__version__)]
    images = []
    for name, path in REAL:
        pixels = imread(os.path.join(SAMPLES, path))
        assert pixels.dtype == np.uint8 and pixels.ndim == 2, (path, pixels.dtype, pixels.shape)
        lines.append('image %s file %s %d %d 1 %d' % (name, path, pixels.shape[1], pixels.shape[0],
                                                      int(pixels.sum(dtype=np.int64))))
        images.append((name, pixels))
    for name, kind, w, h, channels in SYNTHETIC:
        lines.append('image %s synth %s %d %d %d' % (name, kind, w, h, channels))
        images.append((name, synthetic(kind, w, h, channels)))

    def case(kind, name, result):
        if result is None:
            return
        params, values = result
        text = ';'.join('%s=%s' % (k, params[k]) for k in sorted(params))
        lines.append('case %s %s %s %d %s' % (kind, name, text, len(values), ' '.join(number(x) for x in values)))

    for name, pixels in images:
        v = intensities(pixels)
        for o in GLCM:
            case('glcm', name, glcm(v, o))
        for setting in HOG_LARGE if min(v.shape) >= 64 else HOG_SMALL:
            case('hog', name, hog_case(v, setting))
        for setting in LBP:
            case('lbp', name, lbp(v, setting))
    os.makedirs(os.path.dirname(OUTPUT), exist_ok=True)
    with open(OUTPUT, 'w') as f:
        f.write('\n'.join(lines) + '\n')
    print('wrote %d cases to %s' % (sum(1 for l in lines if l.startswith('case')), OUTPUT))


if __name__ == '__main__':
    main()
