#!/usr/bin/env bash
# Builds the Python wheel for this machine with maturin (pyproject.toml, `bindings = "bin"`)
# and shows that `pip install` of it gives a working `intune-lint`: installed into a fresh
# virtualenv, it must print its version and find the demo tenant's planted problems.
# Cheap when the release build is warm: maturin builds with the same release profile.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/build"
"$work/build/bin/python" -m pip install --quiet --disable-pip-version-check "maturin>=1.5,<2"
"$work/build/bin/maturin" build --release --quiet --out "$work/dist"
wheel=$(ls "$work"/dist/intune_lint-*.whl)
echo "wheel: $(basename "$wheel") ($(du -h "$wheel" | cut -f1))"

python3 -m venv "$work/user"
"$work/user/bin/python" -m pip install --quiet --disable-pip-version-check "$wheel"
"$work/user/bin/intune-lint" --version
rc=0
"$work/user/bin/intune-lint" check --format concise --quiet fixtures/demo-tenant >"$work/out" || rc=$?
if [ "$rc" -ne 1 ] || ! grep -q 'SSO101' "$work/out"; then
  echo "wheel: the installed intune-lint did not report the demo tenant's findings (exit $rc)" >&2
  exit 1
fi
echo "wheel: ok (pip install of the wheel runs the linter: $(wc -l < "$work/out") findings on the demo tenant)"
