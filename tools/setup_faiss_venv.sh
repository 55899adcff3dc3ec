#!/bin/sh
# A Python virtualenv with FAISS for tools/faiss_ivf_hnsw.py, which measures FAISS's IndexIVFFlat,
# IndexIVFPQ and IndexHNSWFlat on the vectors that AnnBenchmark dumps (dump=DIR). Versions are
# pinned so that the FAISS rows of BENCHMARKS.md can be rebuilt; pip installs them from the
# package registry.
#
# Usage: sh tools/setup_faiss_venv.sh [DIR]   (default DIR: /tmp/faissenv)
# Then:  DIR/bin/python tools/faiss_ivf_hnsw.py DUMP-DIR --d 16 --ivf 1024 --nprobe 1,2,4,8 --ivfpq 8
set -eu
DIR="${1:-/tmp/faissenv}"
python3 -m venv "$DIR"
"$DIR/bin/pip" install --retries 1 faiss-cpu==1.15.1 numpy==2.4.6
"$DIR/bin/python" -c "import faiss, numpy; print('faiss', faiss.__version__, 'numpy', numpy.__version__, 'in', '$DIR')"
