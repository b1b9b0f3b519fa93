#!/usr/bin/env bash
# The pre-commit case on a big export: one file staged (named), the rest of the export read
# as context for the tenant index (docs/pre-commit.md, "Partial runs").
#   bench/precommit.sh [TENANT_COPIES]
# Builds an export like bench/run.sh's (the demo tenant plus TENANT_COPIES copies of its
# ordinary objects) with an intune-lint.toml at its root, then times with hyperfine:
#   whole export   intune-lint check .
#   one file       intune-lint check <one policy>   (what `git commit` runs)
#   one file, no tenant rules   the same with --select SSO101 (context is not read when no
#                  tenant rule is on: the floor of start-up plus one file)
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-1000}
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
cargo build --release -q --bin intune-lint
bin=$PWD/${CARGO_TARGET_DIR:-target}/release/intune-lint
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cp -r fixtures/demo-tenant "$work/t0"
for i in $(seq 1 "$copies"); do
  (cd fixtures/demo-tenant && find . -type f ! -name README.md -print0) |
    while IFS= read -r -d '' f; do
      case "$f" in *Entra\ SSO*|*Enterprise\ SSO*|*Authenticator*|*AppleEnrollmentTypes*|*.well-known*) continue ;; esac
      mkdir -p "$work/t$i/$(dirname "$f")" && cp "fixtures/demo-tenant/$f" "$work/t$i/$f"
    done
done
: > "$work/intune-lint.toml"
echo "export: $(find "$work" -type f -name '*.json' -o -type f -name '*.mobileconfig' | wc -l) files, $(du -sh "$work" | cut -f1)"
one="t0/DeviceConfiguration/iOS - Entra SSO extension - JIT registration.json"
cd "$work"
hyperfine -N --warmup 2 --runs "${RUNS:-10}" -i \
  -n "whole export" "$bin check --single-tenant --format concise --quiet ." \
  -n "one file (pre-commit)" "$bin check --single-tenant --format concise --quiet '$one'" \
  -n "one file, no tenant rules" "$bin check --single-tenant --format concise --quiet --select SSO101 '$one'"
