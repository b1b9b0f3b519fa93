#!/usr/bin/env bash
# Benchmarks, side by side in one run (the machines are noisy: read ratios, not seconds).
#   bench/run.sh [TENANT_COPIES]
# 1. whole-tenant audit: intune-lint vs a bare parallel read + serde_json parse of the same
#    files (examples/parse_baseline.rs), on the demo tenant copied TENANT_COPIES times;
# 2. the real corpus (../shared/corpus) the same way;
# 3. the pre-commit case: one small file, start-up included.
# The whole-tenant run also times the two peers DESIGN.md section 6 names, which check only
# SSO101-SSO108 on Graph template policies (see their headers for what else they leave out):
#   python    bench/peers/sso_checks.py, plain Python 3 (stdlib only);
#   spectral  Spectral with bench/peers/spectral.yaml, installed with npm into
#             BENCH_CACHE (default ${XDG_CACHE_HOME:-$HOME/.cache}/intune-lint-bench);
#             skipped with a message when npm is missing. Slow: it gets its own hyperfine
#             run with fewer runs, next to intune-lint again.
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-200}
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
cargo build --release -q --bin intune-lint --example parse_baseline
target=${CARGO_TARGET_DIR:-target}
bin=$target/release/intune-lint
base=$target/release/examples/parse_baseline

# The peers.
spectral_version=6.16.3
cache="${BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/intune-lint-bench}"
spectral="$cache/npm-spectral-cli-$spectral_version/node_modules/.bin/spectral"
if [ ! -x "$spectral" ]; then
  if command -v npm >/dev/null; then
    npm install --silent --no-audit --no-fund --prefix "$cache/npm-spectral-cli-$spectral_version" \
      "@stoplight/spectral-cli@$spectral_version" || echo "bench: npm could not install Spectral" >&2
  else
    echo "bench: npm not found: Spectral is skipped" >&2
  fi
fi
[ -x "$spectral" ] || spectral=
python=$(command -v python3 || true)
[ -n "$python" ] || echo "bench: python3 not found: the Python peer is skipped" >&2
work=$(mktemp -d); out=$(mktemp -d); trap 'rm -rf "$work" "$out"' EXIT

# A big tenant shaped like a real one: the demo export once, plus many copies of its
# ordinary objects (policies, compliance, groups, apps; UTF-16 files included). Copies of
# the SSO policies, the Authenticator and the enrollment profiles are left out: a real
# tenant has a handful, and identical copies would make tenant rules pair them all.
cp -r fixtures/demo-tenant "$work/t0"
for i in $(seq 1 "$copies"); do
  (cd fixtures/demo-tenant && find . -type f ! -name README.md -print0) |
    while IFS= read -r -d '' f; do
      case "$f" in *Entra\ SSO*|*Enterprise\ SSO*|*Authenticator*|*AppleEnrollmentTypes*|*.well-known*) continue ;; esac
      mkdir -p "$work/t$i/$(dirname "$f")" && cp "fixtures/demo-tenant/$f" "$work/t$i/$f"
    done
done
echo "tenant: $(find "$work" -type f | wc -l) files, $(du -sh "$work" | cut -f1)"

# What each tool finds there (one untimed run each): the peers see only the SSO101-SSO108
# findings of Graph template policies, and Spectral cannot read UTF-16 files (most of a
# Windows PowerShell 5.1 export): it reports parser errors for them and checks nothing in them.
"$bin" check --format concise "$work" >"$out/intune-lint.txt" || true
echo "intune-lint: $(grep -c ': [a-z]* SSO10[1-8] ' "$out/intune-lint.txt" || true) SSO101-SSO108" \
  "findings ($(grep ': [a-z]* SSO10[1-8] ' "$out/intune-lint.txt" | grep -c '/DeviceConfiguration/' || true)" \
  "in Graph template policies, the rest in Settings Catalog and .mobileconfig)"
peers=()
if [ -n "$python" ]; then
  "$python" bench/peers/sso_checks.py "$work" >"$out/python.txt" || true
  echo "python: $(grep -c ': SSO10' "$out/python.txt" || true) findings," \
    "$(grep -c ': ERROR ' "$out/python.txt" || true) files it could not parse"
  peers+=(-n python "$python bench/peers/sso_checks.py $work")
fi
if [ -n "$spectral" ]; then
  "$spectral" lint -q -f text -r bench/peers/spectral.yaml "$work/**/*.json" >"$out/spectral.txt" || true
  echo "spectral: $(grep -c ' SSO10' "$out/spectral.txt" || true) findings," \
    "$(grep -c ' parser ' "$out/spectral.txt" || true) parser errors in" \
    "$(grep ' parser ' "$out/spectral.txt" | sed 's/:[0-9]*:[0-9]* .*//' | sort -u | wc -l) files (UTF-16)"
fi

# `--ignore GRF`: the same run without the Graph schema checks, to show what they cost.
hyperfine -N --warmup 3 --runs 30 \
  -n intune-lint "$bin check --format json $work" \
  -n "intune-lint --ignore GRF" "$bin check --format json --ignore GRF $work" \
  -n read+serde_json "$base $work" "${peers[@]}" \
  --ignore-failure --export-markdown "$out/tenant.md"
cat "$out/tenant.md"
if [ -n "$spectral" ]; then
  # Spectral takes seconds per run: fewer runs, still next to intune-lint.
  hyperfine -N --warmup 1 --runs 3 \
    -n intune-lint "$bin check --format json $work" \
    -n spectral "$spectral lint -q -r bench/peers/spectral.yaml '$work/**/*.json'" \
    --ignore-failure --export-markdown "$out/spectral.md"
  cat "$out/spectral.md"
fi

if [ -d ../shared/corpus ]; then
  echo "corpus: $(find ../shared/corpus -type f | wc -l) files"
  hyperfine -N --warmup 3 --runs 20 --ignore-failure \
    -n intune-lint "$bin check --format json ../shared/corpus" \
    -n read+serde_json "$base ../shared/corpus"
fi

# pre-commit: one small file.
one=$(find fixtures/rules -name 'fail_*.json' | head -1)
hyperfine -N --warmup 5 --runs 50 --ignore-failure \
  -n "pre-commit (1 file)" "$bin check --format concise $one"
