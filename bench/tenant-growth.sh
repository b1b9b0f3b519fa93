#!/usr/bin/env bash
# Growth of ONE big tenant (an MSP export is linted one tenant folder at a time, so the
# tenant index of the biggest tenant is what bounds memory): 2k, 20k and 100k files in a
# single tenant folder, each linted once with every rule on; wall and CPU time and peak
# RSS, per file. Exports are generated under BENCH_DIR (default target/bench), never committed.
#   bench/tenant-growth.sh [SIZES...]      default: 2000 20000 100000
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(2000 20000 100000)
gnutime=/usr/bin/time
[ -x "$gnutime" ] || { apt-get update -qq && apt-get install -y -qq time; }
cargo build --release -q --bin intune-lint
target=${CARGO_TARGET_DIR:-target}
bin=$target/release/intune-lint
dir=${BENCH_DIR:-$target/bench}
mkdir -p "$dir"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| files | MB | objects | wall | CPU | µs CPU per file | peak RSS | KiB per file |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|---:|\n'
for n in "${sizes[@]}"; do
  export_dir=$dir/tenant-$n
  [ -d "$export_dir" ] || python3 bench/gen_export.py "$export_dir" "$n" --tenant-files "$n" >/dev/null
  stats=$(mktemp)
  "$gnutime" -f '%e %U %S %M' -o "$stats" "$bin" check --format json "$export_dir" >"$stats.json" || true
  # GNU time puts "Command exited with non-zero status" first when there are findings.
  read -r wall user sys rss < <(tail -n 1 "$stats")
  objects=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["objects"])' "$stats.json")
  mb=$(du -sLm "$export_dir" | cut -f1)
  python3 - "$n" "$mb" "$objects" "$wall" "$user" "$sys" "$rss" <<'PY'
import sys
n, mb, objects = (int(x) for x in sys.argv[1:4])
wall, user, sys_ = (float(x) for x in sys.argv[4:7])
rss = int(sys.argv[7])
cpu = user + sys_
print(f"| {n:,} | {mb:,} | {objects:,} | {wall:.2f} s | {cpu:.2f} s | {cpu / n * 1e6:.0f} | {rss / 1024:.0f} MiB | {rss / n:.1f} |")
PY
  rm -f "$stats" "$stats.json"
done
