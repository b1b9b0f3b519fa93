#!/usr/bin/env bash
# The cost of the HTML report on the benchmark's big tenant (bench/make-tenant.sh):
#   bench/report.sh [COPIES]   (default 1330: about 20,000 files)
# 1. lint time with a one-line report (concise to /dev/null) vs. the same run also writing
#    the HTML report (hyperfine, a few runs: read the difference);
# 2. the HTML file's size and its finding count;
# 3. how long headless Chromium takes to load and render it (the same test harness as CI,
#    tests/browser/, with the report's load time printed).
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-1330}
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }
cargo build --release -q --bin intune-lint
bin=${CARGO_TARGET_DIR:-target}/release/intune-lint
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
bash bench/make-tenant.sh "$work/t" "$copies"
echo "tenant: $(find "$work/t" -type f | wc -l) files, $(du -sh "$work/t" | cut -f1)"
hyperfine --warmup 1 --runs 3 -i \
  -n lint "$bin check --single-tenant --format concise $work/t" \
  -n lint+html "$bin check --single-tenant --format concise --format html=$work/report.html $work/t"
"$bin" check --single-tenant --format json=$work/report.json --format html=$work/report.html "$work/t" >/dev/null || true
echo "html: $(du -h "$work/report.html" | cut -f1), $(grep -c '<article class="finding"' "$work/report.html") findings"
(cd tests/browser && npm ci --no-audit --no-fund --silent)
REPORT="$work/report.html" node tests/browser/load-time.mjs
