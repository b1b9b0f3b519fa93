#!/usr/bin/env bash
# Renders HTML reports in headless Chromium (Debian's `chromium`) and checks the DOM against
# the JSON output of the same run: the demo tenant, a tenant with thousands of findings
# (the demo tenant copied many times into a temporary folder), and one whose display name
# holds markup. Installs Chromium (apt) and playwright-core (npm, no browser download) when
# missing.
#   BIN=path/to/intune-lint (default target/release/intune-lint)
#   SCREENSHOT=docs/img/report-demo.png: also save a screenshot of the demo report.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${BIN:-target/release/intune-lint}"

if ! command -v chromium >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
(cd tests/browser && npm ci --no-audit --no-fund --silent)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
report() { # name folder
  # Exit status 1 means findings, which these tenants have on purpose.
  "$bin" check "$2" --format "html=$work/$1.html" --format "json=$work/$1.json" --format concise >/dev/null || [ $? -eq 1 ]
}

report demo fixtures/demo-tenant

# Thousands of findings: the demo tenant, 300 times.
for i in $(seq 1 300); do
  mkdir -p "$work/big/copy-$i"
  cp -r fixtures/demo-tenant/. "$work/big/copy-$i/"
done
report big "$work/big"

# Markup in a display name.
cp -r fixtures/demo-tenant "$work/xss"
python3 - "$work/xss/SettingsCatalog/iOS - SC - Enterprise SSO plug-in - Pilot.json" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
name = '"name": "iOS - SC - Enterprise SSO plug-in - Pilot"'
assert name in s
evil = '<script>window.__pwned=1</script><img src=x onerror=\\"window.__pwned=2\\">'
open(p, "w", encoding="utf-8").write(s.replace(name, '"name": "%s"' % evil, 1))
PY
report xss "$work/xss"

REPORTS="$work" SCREENSHOT="${SCREENSHOT:-}" node --test tests/browser/report.test.mjs
