#!/usr/bin/env bash
# Checks the machine-readable outputs with the tools their consumers use:
#   SARIF  Microsoft's SARIF multitool (`validate` with the SARIF rules and GitHub's
#          code-scanning ingestion rules, `--rule-kind "Sarif;Gh"`); any error or
#          warning fails. Notes (style advice, unreachable URLs offline) are printed only.
#   JUnit  junitparser parses the XML; suites and test cases must match the JSON report.
# All three reports come from one run (`--format` repeated), as users would do in CI.
#
# Usage: .ci/validate-outputs.sh [DIR]      DIR defaults to fixtures/demo-tenant.
# Environment:
#   INTUNE_LINT     the binary to run (default target/release/intune-lint, built if missing)
#   VALIDATE_CACHE  where the npm and pip installs are kept between runs
#                   (default ${XDG_CACHE_HOME:-$HOME/.cache}/intune-lint-validate)
set -euo pipefail
cd "$(dirname "$0")/.."

dir="${1:-fixtures/demo-tenant}"
bin="${INTUNE_LINT:-target/release/intune-lint}"
cache="${VALIDATE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/intune-lint-validate}"
multitool_version="5.7.0"
junitparser_version="5.0.3"

if [ ! -e "$dir" ]; then
    echo "validate-outputs: \`$dir\` does not exist" >&2
    exit 2
fi
if [ ! -x "$bin" ]; then
    echo "validate-outputs: building $bin" >&2
    cargo build --release --quiet
fi
mkdir -p "$cache"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# --- one run, three reports ---------------------------------------------------------------
status=0
"$bin" check "$dir" \
    --format sarif="$work/results.sarif" \
    --format junit="$work/results.xml" \
    --format json="$work/results.json" || status=$?
if [ "$status" -gt 1 ]; then
    echo "validate-outputs: intune-lint exited with $status" >&2
    exit 1
fi

# --- SARIF: Microsoft's multitool ---------------------------------------------------------
npm_dir="$cache/npm-sarif-multitool-$multitool_version"
if ! ls "$npm_dir"/node_modules/@microsoft/sarif-multitool-*/Sarif.Multitool >/dev/null 2>&1; then
    npm install --silent --no-audit --no-fund --prefix "$npm_dir" \
        "@microsoft/sarif-multitool@$multitool_version"
fi
# The npm package's launcher picks a per-platform package; run its binary directly.
multitool="$(ls "$npm_dir"/node_modules/@microsoft/sarif-multitool-*/Sarif.Multitool | head -n 1)"
chmod u+x "$multitool"
# Also the snapshot of the hand-built run in crates/report/tests, which has what a small
# tenant may lack: related locations, spans over several lines, a rule outside the catalog.
inputs=("$work/results.sarif")
snapshot=crates/report/tests/snapshots/formats__sarif.snap
if [ -f "$snapshot" ]; then
    awk 'n >= 2 { print } /^---$/ { n++ }' "$snapshot" >"$work/snapshot.sarif"
    inputs+=("$work/snapshot.sarif")
fi
"$multitool" validate --rule-kind "Sarif;Gh" --level "Error;Warning" \
    --output "$work/validation.sarif" "${inputs[@]}" >"$work/validation.txt" || {
    cat "$work/validation.txt" >&2
    echo "validate-outputs: the SARIF multitool failed" >&2
    exit 1
}
if [ ! -s "$work/validation.sarif" ]; then
    echo "validate-outputs: the SARIF multitool wrote no validation log" >&2
    exit 1
fi
python3 - "$work/validation.sarif" <<'EOF'
import json, sys
log = json.load(open(sys.argv[1], encoding="utf-8-sig"))
bad = []
accepted = 0
for run in log.get("runs", []):
    for r in run.get("results", []):
        level = r.get("level", "warning")  # SARIF's default level
        where = (r.get("message", {}).get("arguments") or [""])[0]
        # By design a finding without lines (binary plist, whole-file parse error) has
        # no `region`; SARIF2017 warns about any region-less location. Regions we do
        # emit always carry all four line/column fields, so SARIF2017 on them fails.
        if r.get("ruleId") == "SARIF2017" and where.endswith("physicalLocation"):
            accepted += 1
            continue
        if level in ("error", "warning"):
            bad.append(f"{level} {r.get('ruleId')}: {where}: {r.get('message', {}).get('arguments')}")
    for n in run.get("invocations", [{}])[0].get("toolExecutionNotifications", []):
        if n.get("level") == "error":
            bad.append(f"tool error: {n.get('message', {}).get('text')}")
if bad:
    print("SARIF validation failed:", *bad, sep="\n  ")
    sys.exit(1)
print("SARIF: valid (SARIF and GitHub rules: no errors, no warnings"
      + (f"; {accepted} location(s) without lines have no region, by design" if accepted else "") + ")")
EOF

# --- JUnit: junitparser -------------------------------------------------------------------
venv="$cache/venv-junitparser-$junitparser_version"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import junitparser' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "junitparser==$junitparser_version"
fi
"$venv/bin/python" - "$work/results.xml" "$work/results.json" <<'EOF'
import json, sys
from collections import Counter
from junitparser import JUnitXml, TestSuite, Failure

xml = JUnitXml.fromfile(sys.argv[1])
report = json.load(open(sys.argv[2], encoding="utf-8"))
suites = list(xml) if not isinstance(xml, TestSuite) else [xml]
expected = Counter(f["path"] for f in report["findings"])
errors = []
failures = 0
for suite in suites:
    cases = list(suite)
    failed = [c for c in cases if any(isinstance(r, Failure) for r in c.result)]
    failures += len(failed)
    if len(failed) != expected.get(suite.name, 0):
        errors.append(f"{suite.name}: {len(failed)} failing cases, {expected.get(suite.name, 0)} findings")
    if not failed and (len(cases) != 1 or cases[0].name != "no findings" or not cases[0].is_passed):
        errors.append(f"{suite.name}: a clean file needs exactly one passing `no findings` case")
    if any(c.classname != suite.name for c in cases):
        errors.append(f"{suite.name}: a test case's classname is not the file's path")
names = {s.name for s in suites}
if len(names) != len(suites):
    errors.append("two suites have the same name")
missing = set(expected) - names
if missing:
    errors.append(f"findings in files without a suite: {sorted(missing)}")
files = report["summary"]["files"]
# Every linted file has a suite; walk errors (EXP906 on a folder) may add suites.
walk_only = {f["path"] for f in report["findings"] if f["code"] == "EXP906"}
if not files <= len(suites) <= files + len(walk_only):
    errors.append(f"{len(suites)} suites for {files} files linted")
if failures != len(report["findings"]):
    errors.append(f"{failures} failing cases for {len(report['findings'])} findings")
if errors:
    print("JUnit validation failed:", *errors, sep="\n  ")
    sys.exit(1)
print(f"JUnit: valid ({len(suites)} suites, {sum(len(list(s)) for s in suites)} cases, {failures} failures)")
EOF
