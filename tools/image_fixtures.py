#!/usr/bin/python3
"""Generates the image fixtures of cbir-core's tests (org.cbir.core.image).

Writes small image files with known pixel values through tools independent of the Java code
(Pillow, tifffile, and a minimal PNG encoder below written from the PNG specification for the
bit depths and colour types Pillow cannot write), together with the expected samples, and the
reference outputs of scikit-image / numpy for the image conversions.

Run from the repository root (Debian: python3-numpy, python3-skimage, python3-pil):

    /usr/bin/python3 tools/image_fixtures.py

Output, under cbir-core/src/test/resources/images/:
  files/<name>.<ext>          the image files
  files/<name>.expected.txt   the samples a reader must return for it
  conversions/<case>.txt      input and reference output of one conversion
  samples/<name>.expected.txt samples of a file of the shared pycbir-samples collections

Text format of a sample table: a first line "width height channels depth" (depth UINT8, UINT16
or FLOAT), then one line per image row holding width*channels numbers, channels interleaved.
A conversion file holds two tables: "input" then "expected", each introduced by that word on a
line of its own. Lines starting with '#' are comments.
"""
import os
import struct
import sys
import zlib

import numpy as np
import skimage
import skimage.color
import skimage.transform
import tifffile
from PIL import Image

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir)
OUT = os.path.join(ROOT, "cbir-core", "src", "test", "resources", "images")
FILES = os.path.join(OUT, "files")
CONVERSIONS = os.path.join(OUT, "conversions")
SAMPLES = os.path.join(OUT, "samples")
PYCBIR = os.path.join(ROOT, os.pardir, "shared", "data", "pycbir-samples")

rng = np.random.default_rng(20240611)


# ---------------------------------------------------------------- sample tables

def table_lines(arr, depth):
    """The sample table of an (h, w) or (h, w, c) array, as a list of lines."""
    a = np.asarray(arr)
    if a.ndim == 2:
        a = a[:, :, None]
    h, w, c = a.shape
    lines = ["%d %d %d %s" % (w, h, c, depth)]
    for row in a:
        flat = row.reshape(-1)
        if depth == "FLOAT" or a.dtype.kind == "f":
            lines.append(" ".join(repr(float(v)) for v in flat))
        else:
            lines.append(" ".join(str(int(v)) for v in flat))
    return lines


def write_table(path, arr, depth, comment):
    with open(path, "w") as f:
        f.write("# " + comment + "\n")
        f.write("\n".join(table_lines(arr, depth)) + "\n")


def expect(name, arr, depth, comment):
    write_table(os.path.join(FILES, name + ".expected.txt"), arr, depth, comment)


# ---------------------------------------------------------------- minimal PNG encoder

def png_chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def write_png(path, arr, bit_depth, colour_type):
    """Encodes an (h, w) or (h, w, c) integer array as PNG (filter 0, no interlace)."""
    a = np.asarray(arr)
    if a.ndim == 2:
        a = a[:, :, None]
    h, w, c = a.shape
    raw = bytearray()
    for row in a:
        raw.append(0)  # filter type None
        flat = row.reshape(-1).astype(np.int64)
        if bit_depth == 16:
            raw += b"".join(struct.pack(">H", int(v)) for v in flat)
        elif bit_depth == 8:
            raw += bytes(int(v) for v in flat)
        else:  # 1, 2, 4: packed, most significant bits first, rows padded to a byte
            per_byte = 8 // bit_depth
            for i in range(0, len(flat), per_byte):
                byte = 0
                chunk = list(flat[i:i + per_byte]) + [0] * (per_byte - len(flat[i:i + per_byte]))
                for v in chunk:
                    byte = (byte << bit_depth) | int(v)
                raw.append(byte)
    ihdr = struct.pack(">IIBBBBB", w, h, bit_depth, colour_type, 0, 0, 0)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(png_chunk(b"IHDR", ihdr))
        f.write(png_chunk(b"IDAT", zlib.compress(bytes(raw), 9)))
        f.write(png_chunk(b"IEND", b""))


# ---------------------------------------------------------------- image files

W, H = 5, 3  # non-square, so that a transposition shows


def random_u8(channels=None):
    shape = (H, W) if channels is None else (H, W, channels)
    a = rng.integers(0, 256, size=shape, dtype=np.uint8)
    a.flat[0] = 0
    a.flat[-1] = 255
    return a


def random_u16(channels=None):
    shape = (H, W) if channels is None else (H, W, channels)
    a = rng.integers(0, 65536, size=shape, dtype=np.uint16)
    a.flat[0] = 0
    a.flat[1] = 65535
    a.flat[2] = 257   # above 255: lost if squeezed into 8 bits
    return a


def check_pil(path, expected, mode=None):
    im = Image.open(path)
    if mode is not None:
        im = im.convert(mode)
    got = np.asarray(im)
    assert np.array_equal(got, expected), (path, got, expected)


def make_files():
    os.makedirs(FILES, exist_ok=True)

    # PNG through Pillow: 8-bit grey, grey+alpha, RGB, RGBA, palettes
    g8 = random_u8()
    Image.fromarray(g8, "L").save(os.path.join(FILES, "grey8.png"))
    check_pil(os.path.join(FILES, "grey8.png"), g8)
    expect("grey8.png", g8, "UINT8", "8-bit grey PNG written by Pillow")

    la = np.dstack([random_u8(), random_u8()])
    Image.fromarray(la, "LA").save(os.path.join(FILES, "grey8_alpha.png"))
    check_pil(os.path.join(FILES, "grey8_alpha.png"), la)
    expect("grey8_alpha.png", la[:, :, 0], "UINT8", "8-bit grey+alpha PNG (Pillow); alpha dropped")

    rgb = random_u8(3)
    Image.fromarray(rgb, "RGB").save(os.path.join(FILES, "rgb8.png"))
    check_pil(os.path.join(FILES, "rgb8.png"), rgb)
    expect("rgb8.png", rgb, "UINT8", "8-bit RGB PNG written by Pillow")

    rgba = random_u8(4)
    rgba[0, 0, 3] = 0  # a fully transparent pixel keeps its colour values
    Image.fromarray(rgba, "RGBA").save(os.path.join(FILES, "rgba8.png"))
    check_pil(os.path.join(FILES, "rgba8.png"), rgba)
    expect("rgba8.png", rgba[:, :, :3], "UINT8", "8-bit RGBA PNG (Pillow); alpha dropped")

    palette = np.array([[255, 0, 0], [0, 128, 0], [0, 0, 255], [250, 200, 10],
                        [17, 34, 51], [0, 0, 0], [255, 255, 255], [90, 60, 30]], dtype=np.uint8)
    idx = rng.integers(0, len(palette), size=(H, W)).astype(np.uint8)
    p = Image.fromarray(idx, "P")
    p.putpalette(palette.reshape(-1).tolist())
    p.save(os.path.join(FILES, "palette.png"))
    check_pil(os.path.join(FILES, "palette.png"), palette[idx], "RGB")
    expect("palette.png", palette[idx], "UINT8", "8-bit palette PNG (Pillow), colour palette")

    p.save(os.path.join(FILES, "palette.gif"))
    check_pil(os.path.join(FILES, "palette.gif"), palette[idx], "RGB")
    expect("palette.gif", palette[idx], "UINT8", "GIF (Pillow), colour palette")

    grey_palette = np.array([[v, v, v] for v in (0, 40, 90, 128, 200, 255)], dtype=np.uint8)
    gidx = rng.integers(0, len(grey_palette), size=(H, W)).astype(np.uint8)
    gp = Image.fromarray(gidx, "P")
    gp.putpalette(grey_palette.reshape(-1).tolist())
    gp.save(os.path.join(FILES, "palette_grey.png"))
    check_pil(os.path.join(FILES, "palette_grey.png"), grey_palette[gidx], "RGB")
    expect("palette_grey.png", grey_palette[gidx][:, :, 0], "UINT8",
           "8-bit palette PNG (Pillow) whose palette is all grey: read as grey")

    # PNG through the encoder above: 16-bit, and 1/2/4-bit grey
    g16 = random_u16()
    write_png(os.path.join(FILES, "grey16.png"), g16, 16, 0)
    check_pil(os.path.join(FILES, "grey16.png"), g16.astype(np.int32))
    expect("grey16.png", g16, "UINT16", "16-bit grey PNG (spec encoder), checked with Pillow")

    g16a = np.dstack([random_u16(), random_u16()])
    write_png(os.path.join(FILES, "grey16_alpha.png"), g16a, 16, 4)
    expect("grey16_alpha.png", g16a[:, :, 0], "UINT16", "16-bit grey+alpha PNG (spec encoder)")

    rgb16 = random_u16(3)
    write_png(os.path.join(FILES, "rgb16.png"), rgb16, 16, 2)
    expect("rgb16.png", rgb16, "UINT16", "16-bit RGB PNG (spec encoder)")

    rgba16 = random_u16(4)
    write_png(os.path.join(FILES, "rgba16.png"), rgba16, 16, 6)
    expect("rgba16.png", rgba16[:, :, :3], "UINT16", "16-bit RGBA PNG (spec encoder); alpha dropped")

    for bits in (1, 2, 4):
        top = (1 << bits) - 1
        v = rng.integers(0, top + 1, size=(H, W))
        v.flat[0] = 0
        v.flat[-1] = top
        write_png(os.path.join(FILES, "grey%d.png" % bits), v, bits, 0)
        # PNG specification, "Sample depth rescaling": v * 255 / (2^bits - 1), exact here
        scaled = (v * 255) // top
        check_pil(os.path.join(FILES, "grey%d.png" % bits), scaled.astype(np.uint8), "L")
        expect("grey%d.png" % bits, scaled, "UINT8",
               "%d-bit grey PNG (spec encoder), samples scaled by 255/%d" % (bits, top))

    # TIFF through tifffile: 8/16-bit grey (both byte orders, deflate), RGB, float
    tifffile.imwrite(os.path.join(FILES, "grey8.tif"), g8, photometric="minisblack")
    expect("grey8.tif", g8, "UINT8", "8-bit grey TIFF (tifffile)")
    tifffile.imwrite(os.path.join(FILES, "grey16.tif"), g16, photometric="minisblack")
    expect("grey16.tif", g16, "UINT16", "16-bit grey TIFF, little-endian (tifffile)")
    tifffile.imwrite(os.path.join(FILES, "grey16_be_deflate.tif"), g16, photometric="minisblack",
                     byteorder=">", compression="zlib")
    expect("grey16_be_deflate.tif", g16, "UINT16", "16-bit grey TIFF, big-endian, deflate (tifffile)")
    tifffile.imwrite(os.path.join(FILES, "rgb8.tif"), rgb, photometric="rgb")
    expect("rgb8.tif", rgb, "UINT8", "8-bit RGB TIFF (tifffile)")
    tifffile.imwrite(os.path.join(FILES, "rgb16.tif"), rgb16, photometric="rgb")
    expect("rgb16.tif", rgb16, "UINT16", "16-bit RGB TIFF (tifffile)")
    f32 = rng.uniform(-0.5, 2.0, size=(H, W)).astype(np.float32)
    tifffile.imwrite(os.path.join(FILES, "grey32f.tif"), f32, photometric="minisblack")
    expect("grey32f.tif", f32, "FLOAT", "32-bit float grey TIFF (tifffile): samples kept as stored")
    for name, arr in (("grey8.tif", g8), ("grey16.tif", g16), ("rgb16.tif", rgb16),
                      ("grey16_be_deflate.tif", g16), ("grey32f.tif", f32)):
        assert np.array_equal(tifffile.imread(os.path.join(FILES, name)), arr), name

    # BMP through Pillow: 24-bit RGB, and 8-bit grey (a grey palette in BMP)
    Image.fromarray(rgb, "RGB").save(os.path.join(FILES, "rgb8.bmp"))
    check_pil(os.path.join(FILES, "rgb8.bmp"), rgb)
    expect("rgb8.bmp", rgb, "UINT8", "24-bit BMP (Pillow)")
    Image.fromarray(g8, "L").save(os.path.join(FILES, "grey8.bmp"))
    check_pil(os.path.join(FILES, "grey8.bmp"), g8)
    expect("grey8.bmp", g8, "UINT8", "8-bit grey BMP (Pillow): a grey palette, read as grey")

    # JPEG through Pillow (libjpeg-turbo): a smooth image, the samples Pillow decodes.
    # Decoders may differ by a level or two (IDCT, chroma up-sampling), so tests use a tolerance.
    jy, jx = np.mgrid[0:12, 0:16]
    jrgb = np.dstack([jx * 15, jy * 20, 255 - jx * 8 - jy * 5]).clip(0, 255).astype(np.uint8)
    Image.fromarray(jrgb, "RGB").save(os.path.join(FILES, "rgb.jpg"), quality=95)
    expect("rgb.jpg", np.asarray(Image.open(os.path.join(FILES, "rgb.jpg")).convert("RGB")),
           "UINT8", "RGB JPEG, quality 95 (Pillow); expected = Pillow's decoding")
    jg = (jx * 10 + jy * 7).astype(np.uint8)
    Image.fromarray(jg, "L").save(os.path.join(FILES, "grey.jpg"), quality=95)
    expect("grey.jpg", np.asarray(Image.open(os.path.join(FILES, "grey.jpg"))),
           "UINT8", "grey JPEG, quality 95 (Pillow); expected = Pillow's decoding")


# ---------------------------------------------------------------- real sample files

def make_samples():
    os.makedirs(SAMPLES, exist_ok=True)
    for rel, name in (("fibers_small/database/no_fibers/nf_133_259_60.tif", "nf_133_259_60.tif"),
                      ("gisaxs/database/bcc/bcc_100_Xs105_Ys105_Zs33_Na12_Nb12_Nc12__20160928_212133.png",
                       "bcc_100_Xs105_Ys105_Zs33_Na12_Nb12_Nc12__20160928_212133.png")):
        path = os.path.join(PYCBIR, rel)
        arr = skimage.io.imread(path)
        assert arr.dtype == np.uint8 and arr.ndim == 2, (rel, arr.dtype, arr.shape)
        write_table(os.path.join(SAMPLES, name + ".expected.txt"), arr, "UINT8",
                    "pycbir-samples/" + rel + " as skimage.io.imread reads it")


# ---------------------------------------------------------------- conversions

def write_case(name, inp, in_depth, out, out_depth, comment):
    os.makedirs(CONVERSIONS, exist_ok=True)
    with open(os.path.join(CONVERSIONS, name + ".txt"), "w") as f:
        f.write("# " + comment + "\n")
        f.write("input\n" + "\n".join(table_lines(inp, in_depth)) + "\n")
        f.write("expected\n" + "\n".join(table_lines(out, out_depth)) + "\n")


def ref_resize(img, h, w):
    return skimage.transform.resize(img.astype(np.float64), (h, w), order=1, mode="edge",
                                    anti_aliasing=False, preserve_range=True)


def equalise_reference(img, max_value, bins=256):
    """The documented semantics of Image.equalised: per channel, the fraction of samples whose
    bin (floor(v / max * bins), clamped to 0..bins-1) is at most the sample's bin."""
    a = img.astype(np.float64)
    if a.ndim == 2:
        a = a[:, :, None]
    out = np.empty_like(a)
    n = a.shape[0] * a.shape[1]
    for c in range(a.shape[2]):
        b = np.clip(np.floor(a[:, :, c] / max_value * bins), 0, bins - 1).astype(np.int64)
        cdf = np.cumsum(np.bincount(b.ravel(), minlength=bins)) / n
        out[:, :, c] = cdf[b]
    return out if img.ndim == 3 else out[:, :, 0]


def make_conversions():
    rgb = rng.integers(0, 256, size=(4, 6, 3)).astype(np.uint8)
    write_case("to_grey_rgb8", rgb, "UINT8", skimage.color.rgb2gray(rgb) * 255.0, "UINT8",
               "toGrey: skimage.color.rgb2gray(rgb) * 255 (rgb2gray scales uint8 to 0..1)")
    rgb16 = rng.integers(0, 65536, size=(3, 5, 3)).astype(np.uint16)
    write_case("to_grey_rgb16", rgb16, "UINT16", skimage.color.rgb2gray(rgb16) * 65535.0, "UINT16",
               "toGrey: skimage.color.rgb2gray(rgb16) * 65535")

    grey = rng.integers(0, 256, size=(5, 7)).astype(np.uint8)
    for (h, w) in ((9, 11), (3, 4), (8, 4), (2, 13), (5, 7), (1, 3)):
        write_case("resize_grey_%dx%d" % (w, h), grey, "UINT8", ref_resize(grey, h, w), "UINT8",
                   "resize 7x5 -> %dx%d: skimage.transform.resize(order=1, mode='edge', "
                   "anti_aliasing=False, preserve_range=True)" % (w, h))
    for (h, w) in ((7, 9), (2, 3)):
        write_case("resize_rgb_%dx%d" % (w, h), rgb, "UINT8", ref_resize(rgb, h, w), "UINT8",
                   "resize RGB 6x4 -> %dx%d: skimage.transform.resize(order=1, mode='edge', "
                   "anti_aliasing=False, preserve_range=True)" % (w, h))
    g16 = rng.integers(0, 65536, size=(6, 4)).astype(np.uint16)
    write_case("resize_grey16_10x3", g16, "UINT16", ref_resize(g16, 3, 10), "UINT16",
               "resize 16-bit 4x6 -> 10x3: skimage.transform.resize(order=1, mode='edge', "
               "anti_aliasing=False, preserve_range=True)")

    # equalisation: a skewed 8-bit histogram with ties, a 16-bit one, and RGB per channel
    skew = (rng.beta(2, 8, size=(6, 9)) * 255).round().astype(np.uint8)
    skew[0, 0] = 255
    write_case("equalise_grey8", skew, "UINT8", equalise_reference(skew, 255.0), "FLOAT",
               "equalised: numpy, 256 bins over 0..255, cdf of the sample's bin")
    s16 = (rng.beta(5, 2, size=(5, 8)) * 65535).round().astype(np.uint16)
    write_case("equalise_grey16", s16, "UINT16", equalise_reference(s16, 65535.0), "FLOAT",
               "equalised: numpy, 256 bins over 0..65535, cdf of the sample's bin")
    write_case("equalise_rgb8", rgb, "UINT8", equalise_reference(rgb, 255.0), "FLOAT",
               "equalised: numpy, per channel, 256 bins over 0..255, cdf of the sample's bin")

    write_case("log_grey8", grey, "UINT8", np.log1p(grey.astype(np.float64)) / np.log1p(255.0), "FLOAT",
               "logScaled: numpy log1p(v) / log1p(255)")
    write_case("log_grey16", g16, "UINT16", np.log1p(g16.astype(np.float64)) / np.log1p(65535.0), "FLOAT",
               "logScaled: numpy log1p(v) / log1p(65535)")


if __name__ == "__main__":
    make_files()
    if os.path.isdir(PYCBIR):
        make_samples()
    else:
        print("pycbir-samples not found at %s; sample fixtures not regenerated" % PYCBIR, file=sys.stderr)
    make_conversions()
    print("fixtures written under " + os.path.relpath(OUT, ROOT))
