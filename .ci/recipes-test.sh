#!/usr/bin/env bash
# Runs the CI recipes that can run on this machine exactly as written, with the release
# binary standing in for the installed one:
#  - action.yml's Lint step, with `args: --format github` (must report, exit 1, not 2) and
#    with no args (human report plus SARIF);
#  - docs/ci-gitlab.md's before_script and script with a warm cache (the binary in
#    $CARGO_HOME/bin must be found on PATH, so nothing is built).
# Usage: .ci/recipes-test.sh [BINARY]  (default target/release/intune-lint)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
bin=$(realpath "${1:-${CARGO_TARGET_DIR:-target}/release/intune-lint}")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
status=0
fail() { echo "recipes-test: FAILED: $*" >&2; status=1; }

# The `run: |` block of the step with `id: lint`, unindented.
python3 - "$repo/action.yml" > "$work/lint-step.sh" <<'PY'
import sys
lines = open(sys.argv[1]).read().splitlines()
i = next(n for n, l in enumerate(lines) if l.strip() == "id: lint")
i = next(n for n in range(i, len(lines)) if lines[n].strip() == "run: |") + 1
indent = len(lines[i]) - len(lines[i].lstrip())
for l in lines[i:]:
    if l.strip() and len(l) - len(l.lstrip()) < indent:
        break
    print(l[indent:])
PY
mkdir -p "$work/bin" && ln -s "$bin" "$work/bin/intune-lint"
cp -r fixtures/demo-tenant "$work/exports"
run_action() { # expected-exit args
  local rc=0
  (cd "$work" && PATH="$work/bin:$PATH" GITHUB_OUTPUT="$work/out" INPUT_PATHS=exports \
     INPUT_ARGS="$2" INPUT_SARIF=intune-lint.sarif bash "$work/lint-step.sh" >"$work/log" 2>&1) || rc=$?
  [ "$rc" -eq "$1" ] || fail "action.yml with args '$2': exit $rc, expected $1: $(tail -3 "$work/log")"
}
run_action 1 "--format github"
grep -q '^::error file=exports/' "$work/log" || fail "action.yml --format github wrote no annotation"
run_action 1 ""
grep -q 'Found .* findings' "$work/log" || fail "action.yml without args printed no human report"
[ -s "$work/intune-lint.sarif" ] || fail "action.yml wrote no SARIF"

# GitLab: before_script and script lines of the documented job, cache warm.
python3 - "$repo/docs/ci-gitlab.md" > "$work/gitlab.sh" <<'PY'
import sys, re
text = open(sys.argv[1]).read()
block = text.split("```yaml", 1)[1].split("```", 1)[0]
out, on = [], False
for line in block.splitlines():
    if re.match(r"^  (before_script|script):", line):
        on = True
        continue
    if re.match(r"^  \S", line):
        on = False
    if on and line.strip().startswith("- "):
        out.append(line.strip()[2:])
print("set -e")
print("\n".join(out))
PY
mkdir -p "$work/gl/.cargo/bin" && ln -s "$bin" "$work/gl/.cargo/bin/intune-lint"
cp -r fixtures/demo-tenant "$work/gl/exports"
# The job's `--baseline` file, as a repository adopting intune-lint has it (nothing accepted).
printf '{"version": 1, "tool": "intune-lint", "entries": []}\n' > "$work/gl/.intune-lint-baseline.json"
rc=0
(cd "$work/gl" && PATH="/usr/bin:/bin" CARGO_HOME="$work/gl/.cargo" \
  bash -c 'cargo() { echo "cargo must not run on a warm cache" >&2; exit 99; }; export -f cargo; bash "$0"' "$work/gitlab.sh" \
  >"$work/gl.log" 2>&1) || rc=$?
[ "$rc" -eq 1 ] || fail "GitLab recipe: exit $rc, expected 1: $(tail -3 "$work/gl.log")"
grep -q '<testsuite' "$work/gl/intune-lint.xml" 2>/dev/null || fail "GitLab recipe wrote no JUnit report"

[ "$status" -eq 0 ] && echo "recipes-test: ok (action.yml with and without --format, GitLab job with a warm cache)"
exit "$status"
