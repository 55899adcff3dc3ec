#!/usr/bin/python3
"""Reference images for cbir-nets' data augmentation, computed with NumPy.

Writes cbir-nets/src/test/resources/org/cbir/nets/train/augmentation-reference.txt: for a small grey
image (4 wide, 3 high) and a small RGB image (3 wide, 2 high), with offsets 1 and 5 (5 exceeds
the image size, so mirroring repeats) and rotations on, every variant in the documented order:
  translation t = v // 4: 0 = none; t = 1..8: offset offsets[(t-1) % 2] in direction
      (t-1) // 2: 0 right, 1 left, 2 down, 3 up; borders filled with np.pad(mode='symmetric')
  rotation r = v % 4: np.rot90(translated, r) (counter-clockwise quarter turns)
Line format: "<case> <variant> <width> <height> <channels> <samples row-major, channels interleaved>".

Run: /usr/bin/python3 tools/augmentation_reference.py   (from the repository root)
"""
import numpy as np

OFFSETS = [1, 5]
OUT = "cbir-nets/src/test/resources/org/cbir/nets/train/augmentation-reference.txt"


def translate(img, dx, dy):
    p = 16
    pad = ((p, p), (p, p)) + ((0, 0),) * (img.ndim - 2)
    padded = np.pad(img, pad, mode="symmetric")
    h, w = img.shape[:2]
    return padded[p - dy:p - dy + h, p - dx:p - dx + w]


def variants(img):
    shifts = [(0, 0)]
    for direction in range(4):
        for o in OFFSETS:
            shifts.append([(o, 0), (-o, 0), (0, o), (0, -o)][direction])
    out = []
    for dx, dy in shifts:
        t = translate(img, dx, dy)
        for r in range(4):
            out.append(np.rot90(t, r, axes=(0, 1)))
    return out


def main():
    grey = np.arange(1, 13, dtype=np.float32).reshape(3, 4) * 10
    rgb = (np.arange(18, dtype=np.float32).reshape(2, 3, 3) + 1) * 5
    with open(OUT, "w") as f:
        for name, img in (("grey", grey), ("rgb", rgb)):
            for v, out in enumerate(variants(img)):
                h, w = out.shape[:2]
                c = 1 if out.ndim == 2 else out.shape[2]
                values = " ".join(str(int(x)) for x in out.reshape(-1))
                f.write(f"{name} {v} {w} {h} {c} {values}\n")


if __name__ == "__main__":
    main()
