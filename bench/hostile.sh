#!/usr/bin/env bash
# Time and peak memory on the hostile inputs of issue 7, which must grow linearly:
#   bench/hostile.sh [BINARY]
# Each input is built in a temporary folder; the figures are wall and user seconds and
# peak resident memory (GNU time). Compare a minified page with its pretty-printed twin:
# the ratio must stay near 1 however long the line is.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-}
if [ -z "$bin" ]; then
    cargo build --release -q --bin intune-lint
    bin=${CARGO_TARGET_DIR:-target}/release/intune-lint
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$dir" <<'PY'
import json, sys
d = sys.argv[1]
policy = json.load(open("fixtures/rules/SSO101/fail_graph.json", encoding="utf-8-sig"))
page = {"value": [policy] * 3000}
open(f"{d}/page-minified.json", "w").write(json.dumps(page, separators=(",", ":")))
open(f"{d}/page-pretty.json", "w").write(json.dumps(page, indent=2))
obj = '{"p":"' + "x" * 90 + '"},'
open(f"{d}/objects-one-line.json", "w").write("[" + obj * 100000 + "{}]")
open(f"{d}/objects-lines.json", "w").write("[" + (obj + "\n") * 100000 + "{}]")
open(f"{d}/dup-keys.json", "w").write("{" + ",".join(['"abcdefghijklmnop":1'] * 1000000) + "}")
body = "<key>a</key><integer>1</integer>" * 100000
open(f"{d}/dup-keys.plist", "w").write('<plist version="1.0"><dict>' + body + "</dict></plist>")
open(f"{d}/zeros.json", "w").write("[" + "0," * 30000000 + "0]")
PY
for f in page-pretty.json page-minified.json objects-lines.json objects-one-line.json \
    dup-keys.json dup-keys.plist zeros.json; do
    size=$(stat -c %s "$dir/$f")
    /usr/bin/time -f "$f ($size bytes): %e s wall, %U s user, %M KB peak" \
        "$bin" check --isolated --format concise "$dir/$f" >/dev/null 2>"$dir/time" || true
    tail -1 "$dir/time"
done
