#!/usr/bin/env bash
# Checks the pre-commit hook end to end: installs pre-commit from PyPI into a virtualenv,
# makes a throwaway git repository with a bad and a clean Intune policy, and runs
# `pre-commit try-repo <this repository> intune-lint` on them. The hook must fail on the
# bad policy and pass on the clean one.
#
# try-repo installs the hook from this repository's HEAD commit: commit first. The first
# run builds intune-lint with `cargo install` (slow); set PRE_COMMIT_HOME to a persistent
# folder to reuse the build between runs.
set -euo pipefail

# INTUNE_LINT_REPO: test another checkout (a path or URL) instead of this one.
# INTUNE_LINT_BIN: a built binary; when set, the documented `repo: local` recipe is run too.
repo="${INTUNE_LINT_REPO:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
bin="${INTUNE_LINT_BIN:+$(realpath "$INTUNE_LINT_BIN")}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="${PRE_COMMIT_HOME:-$work/pre-commit-home}"
# A faster build for the hook environment; the hook's behaviour does not depend on it.
export CARGO_PROFILE_RELEASE_LTO="${CARGO_PROFILE_RELEASE_LTO:-false}"
unset CARGO_TARGET_DIR

if [ -d "$repo" ] && ! git -C "$repo" diff --quiet HEAD -- .pre-commit-hooks.yaml 2>/dev/null; then
  echo "precommit-test: commit .pre-commit-hooks.yaml first (try-repo uses HEAD)" >&2
fi

python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check pre-commit
pre_commit="$work/venv/bin/pre-commit"
"$pre_commit" --version

t="$work/project"
mkdir -p "$t/DeviceConfiguration"
cd "$t"
git init -q
git config user.email ci@example.invalid
git config user.name ci
git config commit.gpgsign false

cat > DeviceConfiguration/clean.json <<'JSON'
{
  "@odata.type": "#microsoft.graph.iosDeviceFeaturesConfiguration",
  "id": "99999999-2222-3333-4444-555555555555",
  "displayName": "iOS SSO",
  "iosSingleSignOnExtension": {
    "@odata.type": "#microsoft.graph.iosAzureAdSingleSignOnExtension",
    "bundleIdAccessControlList": ["com.contoso.app"],
    "configurations": [
      {"@odata.type": "#microsoft.graph.keyStringValuePair", "key": "device_registration", "value": "{{DEVICEREGISTRATION}}"},
      {"@odata.type": "#microsoft.graph.keyIntegerValuePair", "key": "browser_sso_interaction_enabled", "value": 1}
    ]
  }
}
JSON
sed -e 's/"device_registration"/"device_registration "/' \
    -e 's/"com.contoso.app"/"com.microsoft.azureauthenticator"/' \
    DeviceConfiguration/clean.json > DeviceConfiguration/bad.json
echo "not a policy" > README.md

status=0
run() { # expected-exit description args...
  local expect="$1" what="$2"; shift 2
  local rc=0
  "$pre_commit" try-repo "$repo" intune-lint --verbose "$@" || rc=$?
  if { [ "$expect" = pass ] && [ "$rc" -ne 0 ]; } || { [ "$expect" = fail ] && [ "$rc" -eq 0 ]; }; then
    echo "precommit-test: FAILED: $what (exit $rc, expected $expect)" >&2
    status=1
  else
    echo "precommit-test: ok: $what ($expect)"
  fi
}

# Staged files (what `git commit` runs on): the clean policy and a README pass...
git add DeviceConfiguration/clean.json README.md
run pass "staged clean policy"
# ...and a staged bad policy fails.
git add DeviceConfiguration/bad.json
run fail "staged bad policy"
# Named files.
run pass "clean policy by --files" --files DeviceConfiguration/clean.json
run fail "bad policy by --files" --files DeviceConfiguration/bad.json

# Partial runs: Authenticator lives in a file that is not staged; staging only the clean
# policy and an app must not invent APP201 ("none of the exported apps is Authenticator").
mkdir -p Applications
cat > Applications/authenticator.json <<'JSON'
{"@odata.type": "#microsoft.graph.iosStoreApp", "id": "aaaaaaaa-0000-0000-0000-000000000001",
 "displayName": "Microsoft Authenticator", "bundleId": "com.microsoft.azureauthenticator",
 "assignments": [{"intent": "required", "target": {"@odata.type": "#microsoft.graph.allLicensedUsersAssignmentTarget"}}]}
JSON
cat > Applications/teams.json <<'JSON'
{"@odata.type": "#microsoft.graph.iosStoreApp", "id": "aaaaaaaa-0000-0000-0000-000000000002",
 "displayName": "Microsoft Teams", "bundleId": "com.microsoft.skype.teams"}
JSON
git rm -q --cached DeviceConfiguration/bad.json
git add Applications/authenticator.json
git commit -qm "export"
git add Applications/teams.json
run pass "partial commit judged against the whole export" --files DeviceConfiguration/clean.json Applications/teams.json

# The documented `repo: local` recipe (docs/pre-commit.md), with the binary on PATH.
if [ -n "$bin" ]; then
  mkdir -p "$work/bin" && ln -sf "$bin" "$work/bin/intune-lint"
  python3 - "$repo/docs/pre-commit.md" > .pre-commit-config.yaml <<'PY'
import sys
text = open(sys.argv[1]).read()
section = text.split("## With an installed binary", 1)[1]
print(section.split("```yaml", 1)[1].split("```", 1)[0].strip())
PY
  git add .pre-commit-config.yaml
  local_run() { # expected-exit description args...
    local expect="$1" what="$2"; shift 2
    local rc=0
    PATH="$work/bin:$PATH" "$pre_commit" run intune-lint "$@" || rc=$?
    if { [ "$expect" = pass ] && [ "$rc" -ne 0 ]; } || { [ "$expect" = fail ] && [ "$rc" -eq 0 ]; }; then
      echo "precommit-test: FAILED: $what (exit $rc, expected $expect)" >&2
      status=1
    else
      echo "precommit-test: ok: $what ($expect)"
    fi
  }
  local_run pass "repo: local, clean files" --files DeviceConfiguration/clean.json Applications/teams.json
  local_run fail "repo: local, bad policy" --files DeviceConfiguration/bad.json
fi

exit "$status"
