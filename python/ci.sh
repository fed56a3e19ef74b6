#!/usr/bin/env bash
# Builds the Python package in a fresh virtual environment and runs its
# tests. Run from the repository root: `bash python/ci.sh`.
#
# The package is built from source by pip through maturin (a release build
# of the Rust crate: a few minutes on 2 cores when nothing is cached; set
# CARGO_TARGET_DIR to reuse a build). The comparison with `newschaff clean`
# uses target/release/newschaff or target/debug/newschaff of the root when
# one was built (CI's `cargo test` builds the debug one) and is skipped
# otherwise. The Spark job's test (pyspark, Java 17) compares the job with
# the binary at NEWSCHAFF_BIN (default: the debug build of the root); under
# CI=true it fails when the binary or pyspark is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$python" -m venv "$tmp/venv"
# datatrove's filters and JSON Lines steps need regex and orjson, which
# its base install leaves to extras.
"$tmp/venv/bin/pip" install --quiet --disable-pip-version-check \
  ./python pytest scrapy datatrove regex orjson pyspark

export NEWSCHAFF_BIN=${NEWSCHAFF_BIN:-$(realpath -m "${CARGO_TARGET_DIR:-target}")/debug/newschaff}

set +e
"$tmp/venv/bin/pytest" python/tests -q -p no:cacheprovider
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "python/ci.sh: pytest collected no tests" >&2
  exit 1
fi
exit "$status"
