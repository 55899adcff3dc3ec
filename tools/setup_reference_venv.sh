#!/bin/sh
# A Python virtualenv with a newer scikit-learn than Debian's 1.2.1, for the reference figures
# that need one: HDBSCAN (scikit-learn 1.3 or later) in tools/label_baselines.py and
# tools/hdbscan_reference.py. Versions are pinned so that the reference figures can be rebuilt.
#
# Usage: sh tools/setup_reference_venv.sh [DIR]   (default DIR: target/reference-venv)
# Then:  DIR/bin/python tools/hdbscan_reference.py, or LabelQuality with -Dpython=DIR/bin/python
set -eu
DIR="${1:-target/reference-venv}"
python3 -m venv "$DIR"
"$DIR/bin/pip" install --retries 1 \
    scikit-learn==1.9.1 numpy==2.4.6 scipy==1.17.1 joblib==1.6.0 threadpoolctl==3.7.0
"$DIR/bin/python" -c "import sklearn; from sklearn.cluster import HDBSCAN; print('scikit-learn', sklearn.__version__, 'with HDBSCAN in', '$DIR')"
