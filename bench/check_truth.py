#!/usr/bin/env python3
"""Compares intune-lint's findings with the generator's ground truth, on the planted codes.

    python3 bench/check_truth.py EXPORT_DIR TRUTH_TSV FINDINGS_JSON

Every planted (file, code) must be found, as many times as planted, and no other finding of
a planted code may appear (PLANTED in gen_export.py: the single-object codes and the
SSO115/SSO122 conflicts between profiles). Prints one summary line per code and the misses;
exit 1 on any.
Findings of other codes are counted (not judged: the generator does not plant them).
"""

import json
import os
import sys
from collections import Counter

sys.dont_write_bytecode = True  # no bench/__pycache__ in the work tree
from gen_export import PLANTED  # noqa: E402


def main():
    export, truth_path, findings_path = sys.argv[1:4]
    truth = Counter()
    with open(truth_path) as f:
        for line in f:
            rel, code = line.rstrip("\n").split("\t")
            truth[(rel, code)] += 1
    # Every code the generator plants is judged, even if this export drew none of it.
    planted = {code for _, code in truth} | set(PLANTED)
    with open(findings_path) as f:
        findings = json.load(f)["findings"]
    found = Counter()
    others = Counter()
    for x in findings:
        if x["code"] not in planted:
            others[x["code"]] += 1
            continue
        rel = os.path.relpath(x["path"], export)
        found[(rel, x["code"])] += 1
    bad = 0
    for code in sorted(planted):
        want = sum(n for (_, c), n in truth.items() if c == code)
        got = sum(n for (_, c), n in found.items() if c == code)
        missed = [(r, c) for (r, c), n in truth.items() if c == code and found[(r, c)] < n]
        extra = [(r, c) for (r, c), n in found.items() if c == code and truth[(r, c)] < n]
        ok = not missed and not extra
        bad += not ok
        print(f"  {code}: planted {want}, found {got}" + ("" if ok else f"  MISSED {len(missed)} EXTRA {len(extra)}"))
        for r, c in (missed + extra)[:5]:
            print(f"    {'missed' if (r, c) in missed else 'extra'}: {r}")
    print("  other codes (not planted): " + (", ".join(f"{c} {n}" for c, n in sorted(others.items())) or "none"))
    print("planted problems: " + ("all found, nothing else flagged on the planted codes" if not bad else f"{bad} codes differ"))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
