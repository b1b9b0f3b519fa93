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
# Each input in a folder of its own: a file named alone is judged with the other files of
# its folder as tenant context, which would read every other input too.
python3 - "$dir" <<'PY'
import json, os, sys
root = sys.argv[1]
def write(name, text):
    os.makedirs(f"{root}/{name}")
    with open(f"{root}/{name}/{name}", "w") as f:
        f.write(text)
policy = json.load(open("fixtures/rules/SSO101/fail_graph.json", encoding="utf-8-sig"))
page = {"value": [policy] * 3000}
write("page-minified.json", json.dumps(page, separators=(",", ":")))
write("page-pretty.json", json.dumps(page, indent=2))
obj = '{"p":"' + "x" * 90 + '"},'
write("objects-one-line.json", "[" + obj * 100000 + "{}]")
write("objects-lines.json", "[" + (obj + "\n") * 100000 + "{}]")
write("dup-keys.json", "{" + ",".join(['"abcdefghijklmnop":1'] * 1000000) + "}")
body = "<key>a</key><integer>1</integer>" * 100000
write("dup-keys.plist", '<plist version="1.0"><dict>' + body + "</dict></plist>")
write("zeros.json", "[" + "0," * 30000000 + "0]")
PY
for f in page-pretty.json page-minified.json objects-lines.json objects-one-line.json \
    dup-keys.json dup-keys.plist zeros.json; do
    size=$(stat -c %s "$dir/$f/$f")
    /usr/bin/time -f "$f ($size bytes): %e s wall, %U s user, %M KB peak" \
        "$bin" check --isolated --format concise "$dir/$f/$f" >/dev/null 2>"$dir/time" || true
    tail -1 "$dir/time"
done
