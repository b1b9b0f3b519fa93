#!/usr/bin/env bash
# Where the heap goes at its peak: heaptrack on one `intune-lint check` run, built with the
# system allocator (heaptrack hooks malloc; mimalloc would hide the allocations).
#   bench/heap.sh EXPORT [ARGS...]     ARGS replace the default `--format json`
# Prints the peak heap and the functions holding it at the peak (each allocation charged
# to the innermost intune_lint frame of its backtrace), largest first.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: bench/heap.sh EXPORT [ARGS...]" >&2; exit 2; }
export_dir=$1; shift
[ $# -gt 0 ] || set -- --format json
command -v heaptrack >/dev/null || { apt-get update -qq && apt-get install -y -qq heaptrack; }
target=${CARGO_TARGET_DIR:-target}
# Its own target dir: the default-feature binary bench/run.sh times stays as it is.
CARGO_TARGET_DIR=$target/heap cargo build --release -q --no-default-features --bin intune-lint
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
heaptrack -o "$out/run" "$target/heap/release/intune-lint" check "$@" "$export_dir" >/dev/null 2>"$out/log" || true
data=$(ls "$out"/run.*)
heaptrack_print -f "$data" -p 0 -a 0 -T 0 -l 0 --flamegraph-cost-type peak -F "$out/stacks" 2>/dev/null |
  grep -E 'peak heap memory|total runtime|peak RSS'
python3 - "$out/stacks" <<'PY'
import collections, re, sys
by_fn, total = collections.Counter(), 0
for line in open(sys.argv[1]):
    stack, _, n = line.rstrip("\n").rpartition(" ")
    n = int(n); total += n
    ours = [f for f in stack.split(";") if "intune_lint" in f]
    name = ours[-1] if ours else "(outside intune-lint)"
    by_fn[re.sub(r"::h[0-9a-f]{16}$", "", name)] += n
print(f"held at the peak: {total / 1e6:.2f} MB")
for name, n in by_fn.most_common(20):
    print(f"{n / 1e6:9.2f} MB {100 * n / max(total, 1):5.1f}%  {name}")
PY
