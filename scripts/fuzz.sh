#!/usr/bin/env bash
# A long fuzz campaign over the whole pipeline (the CI suite runs the same harness for
# about 60 s in debug mode):
#
#   bash scripts/fuzz.sh [SECONDS] [FIRST_SEED]
#
# Defaults: 1800 seconds, a seed from the clock (printed, so a run can be repeated).
# Needs only the Rust toolchain. A failing case stops the run and is written to
# target/fuzz-failures/seed-N.yaml; replay it with GONGKAI_FUZZ_SEED=N.
set -euo pipefail
cd "$(dirname "$0")/.."
budget=${1:-1800}
seed=${2:-$(date +%s)}
echo "fuzz: ${budget} s from seed ${seed}" >&2
GONGKAI_FUZZ_SECONDS=$budget GONGKAI_FUZZ_SEED=$seed \
  cargo test --release -p gongkai --test fuzz -- --nocapture
