#!/usr/bin/env bash
# Runs one fuzz target for a bounded time, seeded from the fixtures.
# Usage: bash fuzz/run.sh TARGET SECONDS    (targets: cargo +nightly fuzz list)
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). A crash is
# saved under fuzz/artifacts/TARGET/; make it a regression fixture and a test.
set -euo pipefail
target=${1:?usage: fuzz/run.sh TARGET SECONDS}
seconds=${2:?usage: fuzz/run.sh TARGET SECONDS}
cd "$(dirname "$0")/.."
[ -d "fuzz/corpus/$target" ] || bash fuzz/seed.sh >/dev/null
# No sanitizer: the linter has no unsafe code of its own, and ASan would halve the speed.
# -rss_limit_mb and -timeout turn unbounded memory and hangs into findings too.
cargo +nightly fuzz run --sanitizer none "$target" "fuzz/corpus/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=262144 \
    -print_final_stats=1
