#!/usr/bin/env bash
# Descriptor throughput, cbir against scikit-image in the same run (BENCHMARKS.md).
# Usage: tools/bench-descriptors.sh [samples-dir] [images] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
SAMPLES="${1:-../shared/data/pycbir-samples}"
IMAGES="${2:-200}"
SECONDS_EACH="${3:-5}"
./mvnw -B -q -pl cbir-bench -am package -DskipTests
SKIMAGE="$(mktemp)"
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 /usr/bin/python3 tools/skimage_throughput.py "$SAMPLES" "$IMAGES" "$SECONDS_EACH" "$SKIMAGE"
java -cp "cbir-bench/target/classes:cbir-bench/target/lib/*" org.cbir.bench.DescriptorThroughput \
    "$SAMPLES" "$IMAGES" "$SECONDS_EACH" "$SKIMAGE"
rm -f "$SKIMAGE"
