#!/usr/bin/env bash
# Benchmarks, side by side in one run (the machines are noisy: read ratios, not seconds).
#   bench/run.sh [TENANT_COPIES]
# 1. whole-tenant audit: intune-lint vs a bare parallel read + serde_json parse of the same
#    files (examples/parse_baseline.rs), on the demo tenant copied TENANT_COPIES times;
# 2. the real corpus (../shared/corpus) the same way;
# 3. the pre-commit case: one small file, start-up included.
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-200}
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
cargo build --release -q --bin intune-lint --example parse_baseline
bin=target/release/intune-lint
base=target/release/examples/parse_baseline
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

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

hyperfine -N --warmup 2 --runs 10 \
  -n intune-lint "$bin check --format json $work" \
  -n read+serde_json "$base $work" --ignore-failure --export-markdown "$work/tenant.md"
cat "$work/tenant.md"

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
