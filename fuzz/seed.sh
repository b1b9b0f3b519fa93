#!/usr/bin/env bash
# Copies the repository's fixtures into fuzz/corpus/<target>/ (not in git) as seeds.
# Usage: bash fuzz/seed.sh
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=fuzz/corpus
seed() { # target, then files
    local target=$1
    shift
    mkdir -p "$corpus/$target"
    local f
    for f in "$@"; do
        [ -f "$f" ] && cp "$f" "$corpus/$target/$(echo "$f" | tr '/' '_')"
    done
    return 0
}
mapfile -t json < <(find fixtures -type f -name '*.json' -size -256k | sort)
mapfile -t yaml < <(find fixtures -type f \( -name '*.yaml' -o -name '*.yml' \) -size -256k | sort)
mapfile -t plists < <(find fixtures -type f \( -name '*.mobileconfig' -o -name '*.plist' \) -size -256k | sort)
mapfile -t discovery < <(find fixtures -type f -name 'com.apple.remotemanagement*' | sort)
mapfile -t configs < <(find fixtures docs examples -type f -name '*.toml' 2>/dev/null | sort)
binary=() xml=() signed=()
for f in "${plists[@]}"; do
    case "$(head -c 6 "$f" | tr -d '\0')" in
        bplist) binary+=("$f") ;;
        *'<'*) xml+=("$f") ;;
        *) signed+=("$f") ;;
    esac
done
seed json "${json[@]}"
seed yaml "${yaml[@]}"
seed plist_xml "${xml[@]}"
seed plist_binary "${binary[@]}"
seed signed "${signed[@]}"
seed discovery "${discovery[@]}"
seed config "${configs[@]}"
seed lint "${json[@]}" "${yaml[@]}" "${plists[@]}"
# Every TOML example in the documentation, one file per block.
awk -v dir="$corpus/config" '
    /^```toml/ { n++; file = sprintf("%s/docs-%d.toml", dir, n); inside = 1; next }
    /^```/ { inside = 0; next }
    inside { print > file }
' docs/*.md README.md
# A baseline of the demo tenant, written by the tool itself when it is built.
mkdir -p "$corpus/baseline"
if [ -x target/debug/intune-lint ] || [ -x target/release/intune-lint ]; then
    bin=$(ls target/release/intune-lint target/debug/intune-lint 2>/dev/null | head -1)
    "$bin" check --isolated --write-baseline "$corpus/baseline/demo.json" fixtures/demo-tenant 2>/dev/null || true
fi
printf '{"version": 1, "tool": "intune-lint", "entries": [{"path": "a.json", "rule": "SSO101", "pointer": "/x", "count": 2}]}\n' >"$corpus/baseline/small.json"
for d in "$corpus"/*/; do echo "$(ls "$d" | wc -l) seeds in $d"; done
