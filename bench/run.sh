#!/usr/bin/env bash
# Benchmarks, side by side in one run (the machines are noisy and shared: read ratios, not
# seconds).
#   bench/run.sh           the full run: exports of 2k, 20k and 100k files
#   bench/run.sh --quick   small exports (300, 1,000, 3,000 files), few runs: a smoke test
#
# 1. A synthetic MSP export (bench/gen_export.py: folder per tenant, IntuneManagement,
#    IntuneCD and raw-page layouts, UTF-16, big base64 icons and scripts, planted problems
#    with their ground truth), generated once into BENCH_DIR (default target/bench), never
#    committed.
# 2. Correctness first: every planted problem found (SSO115/SSO122 conflicts between
#    profiles included), nothing else flagged on the planted codes (bench/check_truth.py).
# 3. The whole-tenant audit on the middle export: intune-lint (every rule on) against a bare
#    parallel read + serde_json parse of the same files (examples/parse_baseline.rs) and
#    the plain Python peer, in one hyperfine run; the ratio of medians (wall) and of CPU
#    time (user + system), and peak RSS (GNU time's %M).
# 4. Growth: each export once, time and peak RSS per file.
# 5. Spectral (the other peer) on the smallest export: seconds per run, so its own short
#    hyperfine run, next to intune-lint again. Skipped when npm is missing.
# 6. The real corpus (../shared/corpus) and the pre-commit case (one small file).
# Figures go to BENCH_DIR/results.json; bench/chart.py draws docs/performance.svg from it.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=
[ "${1:-}" = --quick ] && quick=1
if [ -n "$quick" ]; then sizes=(300 1000 3000); runs=3; else sizes=(2000 20000 100000); runs=5; fi
mid=${sizes[1]}
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
gnutime=/usr/bin/time
[ -x "$gnutime" ] || { apt-get update -qq && apt-get install -y -qq time; }
cargo build --release -q --bin intune-lint --example parse_baseline
target=${CARGO_TARGET_DIR:-target}
bin=$target/release/intune-lint
base=$target/release/examples/parse_baseline
dir=${BENCH_DIR:-$target/bench}
mkdir -p "$dir"
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT

for n in "${sizes[@]}"; do
  [ -d "$dir/export-$n" ] || python3 bench/gen_export.py "$dir/export-$n" "$n"
  # The same number of files in one tenant: every cross-object join sees every object.
  [ -d "$dir/tenant-$n" ] || python3 bench/gen_export.py "$dir/tenant-$n" "$n" --tenant-files "$n"
done
export_mid=$dir/export-$mid
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "export: $(find "$export_mid" -type f | wc -l) files, $(du -sh "$export_mid" | cut -f1), $(ls "$export_mid" | wc -l) tenants"

# 2. Correctness, on the MSP export and on one tenant of the same size.
"$bin" check --format json "$export_mid" >"$out/findings.json" || true
python3 bench/check_truth.py "$export_mid" "$dir/export-$mid.truth.tsv" "$out/findings.json" | tee "$out/truth.txt"
"$bin" check --format json "$dir/tenant-$mid" >"$out/findings-one.json" || true
python3 bench/check_truth.py "$dir/tenant-$mid" "$dir/tenant-$mid.truth.tsv" "$out/findings-one.json" | tee "$out/truth-one.txt"

# 3. The whole-tenant audit, side by side.
python=$(command -v python3)
# `--ignore GRF`: the same audit without the Graph schema checks, to show what they cost.
hyperfine -N --warmup 1 --runs "$runs" --ignore-failure \
  -n intune-lint "$bin check --format json $export_mid" \
  -n "intune-lint, no GRF" "$bin check --format json --ignore GRF $export_mid" \
  -n read+serde_json "$base $export_mid" \
  -n "python peer" "$python bench/peers/sso_checks.py $export_mid" \
  -n "intune-lint, one tenant" "$bin check --format json $dir/tenant-$mid" \
  -n "read+serde_json, one tenant" "$base $dir/tenant-$mid" \
  --export-json "$out/tenant.json" --export-markdown "$out/tenant.md" >/dev/null
cat "$out/tenant.md"
rss() { # peak RSS in KiB of one run, the median of three
  for _ in 1 2 3; do "$gnutime" -f %M -o "$out/rss" "$@" >/dev/null 2>&1 || true; cat "$out/rss"; done |
    grep -E '^[0-9]+$' | sort -n | sed -n 2p
}
rss_lint=$(rss "$bin" check --format json "$export_mid")
rss_base=$(rss "$base" "$export_mid")
rss_one=$(rss "$bin" check --format json "$dir/tenant-$mid")

# 4. Growth: one run per size, wall and CPU seconds and peak RSS.
growth=()
for kind in export tenant; do
  for n in "${sizes[@]}"; do
    files=$(find "$dir/$kind-$n" -type f | wc -l)
    bytes=$(find "$dir/$kind-$n" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
    # Read once untimed: the largest exports fall out of the page cache between steps,
    # and a cold run times the disk, not intune-lint.
    "$bin" check --format json "$dir/$kind-$n" >/dev/null 2>&1 || true
    "$gnutime" -f '%e %U %S %M' -o "$out/g" "$bin" check --format json "$dir/$kind-$n" >/dev/null 2>&1 || true
    growth+=("$kind $n $files $bytes $(tail -1 "$out/g")")
  done
done

# 5. Spectral, on the smallest export.
spectral_version=6.16.3
cache="${BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/intune-lint-bench}"
spectral="$cache/npm-spectral-cli-$spectral_version/node_modules/.bin/spectral"
if [ ! -x "$spectral" ] && command -v npm >/dev/null; then
  npm install --silent --no-audit --no-fund --prefix "$cache/npm-spectral-cli-$spectral_version" \
    "@stoplight/spectral-cli@$spectral_version" || echo "bench: npm could not install Spectral" >&2
fi
small=$dir/export-${sizes[0]}
if [ -x "$spectral" ]; then
  hyperfine -N --warmup 0 --runs 2 --ignore-failure \
    -n intune-lint "$bin check --format json $small" \
    -n spectral "$spectral lint -q -r bench/peers/spectral.yaml '$small/**/*.json'" \
    --export-json "$out/spectral.json" --export-markdown "$out/spectral.md" >/dev/null
  cat "$out/spectral.md"
else
  echo "bench: Spectral skipped (npm not found or install failed)" >&2
fi

# 6. The real corpus and pre-commit.
if [ -d ../shared/corpus ]; then
  hyperfine -N --warmup 2 --runs "$runs" --ignore-failure \
    -n intune-lint "$bin check --format json ../shared/corpus" \
    -n read+serde_json "$base ../shared/corpus" \
    --export-json "$out/corpus.json" >/dev/null
fi
# Pre-commit: one small file on its own (start-up plus one file), and one file staged in
# the smallest one-tenant export, whose other files are read as context for the tenant
# rules (docs/pre-commit.md); an intune-lint.toml marks that export's root.
alone=$(mktemp -d); cp "$(find fixtures/rules -name 'fail_*.json' -print -quit)" "$alone/policy.json"
small_tenant=$dir/tenant-${sizes[0]}
: > "$small_tenant/intune-lint.toml"
staged=$(find "$small_tenant" -name '*.json' -print -quit)
hyperfine -N --warmup 5 --runs 30 --ignore-failure \
  -n "pre-commit, 1 file alone" "$bin check --format concise $alone/policy.json" \
  -n "pre-commit, 1 file in a ${sizes[0]}-file tenant" "$bin check --format concise '$staged'" \
  --export-json "$out/precommit.json" >/dev/null
rm -rf "$alone"

# Summary and results.json.
python3 - "$out" "$dir/results.json" "$rss_lint" "$rss_base" "$rss_one" "${growth[@]}" <<'EOF'
import json, os, sys
out, results, rss_lint, rss_base, rss_one, *growth = sys.argv[1:]
def load(name):
    p = os.path.join(out, name)
    return {r["command"]: r for r in json.load(open(p))["results"]} if os.path.exists(p) else {}
t = load("tenant.json")
lint, base = t["intune-lint"], t["read+serde_json"]
cpu = lambda r: r["user"] + r["system"]
r = {
    "machine": {"cores": os.cpu_count(), "load": open("/proc/loadavg").read().split()[:3]},
    "tenant": {k: {"median": v["median"], "cpu": cpu(v)} for k, v in t.items()},
    "ratio_wall": lint["median"] / base["median"],
    "ratio_cpu": cpu(lint) / cpu(base),
    "ratio_wall_one_tenant": t["intune-lint, one tenant"]["median"] / t["read+serde_json, one tenant"]["median"],
    "ratio_cpu_one_tenant": cpu(t["intune-lint, one tenant"]) / cpu(t["read+serde_json, one tenant"]),
    "rss_kib": {"intune-lint": int(rss_lint), "read+serde_json": int(rss_base), "intune-lint, one tenant": int(rss_one)},
    "growth": [dict(kind=g.split()[0], **dict(zip(["size", "files", "bytes", "wall", "user", "sys", "rss_kib"], map(float, g.split()[1:])))) for g in growth],
}
for name in ("spectral", "corpus", "precommit"):
    d = load(name + ".json")
    if d:
        r[name] = {k: {"median": v["median"], "cpu": cpu(v)} for k, v in d.items()}
json.dump(r, open(results, "w"), indent=2)
print()
print(f"whole-export audit, {int(r['growth'][1]['files'])} files, every rule on:")
print(f"  ratio to read+serde_json: {r['ratio_wall']:.2f} (medians, wall), {r['ratio_cpu']:.2f} (CPU time, user + system)")
print(f"  peak RSS: intune-lint {int(rss_lint) / 1024:.0f} MiB, read+serde_json {int(rss_base) / 1024:.0f} MiB")
print(f"  the same number of files as one tenant: ratio {r['ratio_wall_one_tenant']:.2f} (wall), {r['ratio_cpu_one_tenant']:.2f} (CPU), peak RSS {int(rss_one) / 1024:.0f} MiB")
for k, v in r["tenant"].items():
    print(f"  {k}: median {v['median']:.2f} s, CPU {v['cpu']:.2f} s")
print("growth (one run each; export: a folder per tenant of ~100 files, tenant: one tenant):")
print("  layout   files       MB    wall s   CPU s   µs CPU/file   peak MiB   KiB/file")
for g in r["growth"]:
    print(f"  {g['kind']:<7} {int(g['files']):>6} {g['bytes'] / 1e6:>8.0f} {g['wall']:>8.2f} {g['user'] + g['sys']:>7.2f} {1e6 * (g['user'] + g['sys']) / g['files']:>13.0f} {g['rss_kib'] / 1024:>10.0f} {g['rss_kib'] / g['files']:>10.1f}")
if "spectral" in r:
    print("spectral (smallest export): " + ", ".join(f"{k} {v['median']:.2f} s" for k, v in r["spectral"].items()))
if "precommit" in r:
    print("pre-commit: " + ", ".join(f"{k} {v['median'] * 1000:.1f} ms" for k, v in r["precommit"].items()))
print(f"results: {results}")
EOF
grep -q "all found" "$out/truth.txt" && grep -q "all found" "$out/truth-one.txt"
