#!/usr/bin/env bash
# Writes the benchmark's big tenant into DIR: the demo export once, plus COPIES copies of its
# ordinary objects (policies, compliance, groups, apps; UTF-16 files included). Copies of
# the SSO policies, the Authenticator and the enrollment profiles are left out: a real tenant
# has a handful, and identical copies would make tenant rules pair them all. The copies sit
# side by side like an MSP's tenant folders: lint the result with `--single-tenant`.
#   bench/make-tenant.sh DIR COPIES      (1,330 copies: about 20,000 files)
set -euo pipefail
dir=$1 copies=$2
src="$(cd "$(dirname "$0")/.." && pwd)/fixtures/demo-tenant"
mkdir -p "$dir"
cp -r "$src" "$dir/t0"
# The demo's intune-lint.toml marks one export: once, at the root of the whole tenant (a
# copy per folder made 1,331 configurations, each compiling its globs: 400 MB of the run).
mv "$dir/t0/intune-lint.toml" "$dir/intune-lint.toml"
mapfile -d '' files < <(cd "$src" && find . -type f ! -name README.md ! -name intune-lint.toml -print0)
for i in $(seq 1 "$copies"); do
  for f in "${files[@]}"; do
    case "$f" in *Entra\ SSO*|*Enterprise\ SSO*|*Authenticator*|*AppleEnrollmentTypes*|*.well-known*) continue ;; esac
    mkdir -p "$dir/t$i/$(dirname "$f")" && cp "$src/$f" "$dir/t$i/$f"
  done
done
