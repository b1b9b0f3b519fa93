#!/usr/bin/env python3
"""Draws docs/performance.svg from bench/run.sh's results.json (stdlib only).

    python3 bench/chart.py [RESULTS_JSON] [OUT_SVG]

Left: the whole-tenant audit of the middle export, CPU seconds (user + system) and wall
medians of each tool, side by side. Right: growth, CPU time and peak RSS per file for each
export size.
"""

import json
import sys
from html import escape

results = sys.argv[1] if len(sys.argv) > 1 else "target/bench/results.json"
out = sys.argv[2] if len(sys.argv) > 2 else "docs/performance.svg"
r = json.load(open(results))

W, H = 880, 390
svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
       f'<rect width="{W}" height="{H}" fill="white"/>']


def text(x, y, s, anchor="start", size=12, weight="normal"):
    svg.append(f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" font-weight="{weight}">{escape(s)}</text>')


# Left panel: bars.
tools = list(r["tenant"].items())
files = int(r["growth"][1]["files"])
text(20, 24, f"Whole-export audit, {files:,} files (seconds)", weight="bold", size=13)
x0, y0, bw, ph = 60, 300, 28, 240
top = max(max(v["cpu"], v["median"]) for _, v in tools) * 1.1
step = min(110, 440 / len(tools))
for i, (name, v) in enumerate(tools):
    x = x0 + i * step
    for j, (key, color) in enumerate((("cpu", "#4c78a8"), ("median", "#f58518"))):
        h = ph * v[key] / top
        svg.append(f'<rect x="{x + j * bw}" y="{y0 - h:.1f}" width="{bw - 4}" height="{h:.1f}" fill="{color}"/>')
        text(x + j * bw + (bw - 4) / 2, y0 - h - 4, f"{v[key]:.2f}", "middle", 10)
    for k, part in enumerate(name.split(", ")):
        text(x + bw, y0 + 14 + 12 * k, part, "middle", 10)
svg.append(f'<line x1="{x0 - 10}" y1="{y0}" x2="{x0 + step * len(tools)}" y2="{y0}" stroke="black"/>')
# Below two-line tool names.
ly = y0 + 40
svg.append(f'<rect x="{x0}" y="{ly}" width="10" height="10" fill="#4c78a8"/>')
text(x0 + 14, ly + 9, "CPU (user + system)")
svg.append(f'<rect x="{x0 + 140}" y="{ly}" width="10" height="10" fill="#f58518"/>')
text(x0 + 154, ly + 9, "wall, median")

# Right panel: growth per file.
gx, gy, gw, gh = 520, 60, 320, 240
text(gx - 20, 24, "Growth: per file, by export size", weight="bold", size=13)
kinds = [k for k in ("export", "tenant") if any(p.get("kind", "export") == k for p in r["growth"])]
dash = {"export": "", "tenant": ' stroke-dasharray="5,3"'}
sizes = sorted({int(p["size"]) for p in r["growth"]})
xs = {s: gx + gw * i / max(1, len(sizes) - 1) for i, s in enumerate(sizes)}
per_file = {
    "cpu": lambda p: 1e6 * (p["user"] + p["sys"]) / p["files"],
    "rss": lambda p: p["rss_kib"] / p["files"],
}
for key, color in (("cpu", "#4c78a8"), ("rss", "#e45756")):
    top = max(per_file[key](p) for p in r["growth"]) * 1.2
    for kind in kinds:
        g = [p for p in r["growth"] if p.get("kind", "export") == kind]
        pts = [(xs[int(p["size"])], gy + gh - gh * per_file[key](p) / top, per_file[key](p)) for p in g]
        svg.append('<polyline fill="none" stroke="%s" stroke-width="2"%s points="%s"/>' % (color, dash[kind], " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in pts)))
        for x, y, v in pts:
            svg.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{color}"/>')
            text(x + 5, y - 5, f"{v:.0f}", size=10)
svg.append(f'<line x1="{gx}" y1="{gy + gh}" x2="{gx + gw}" y2="{gy + gh}" stroke="black"/>')
for s_, x in xs.items():
    text(x, gy + gh + 16, f"{s_:,} files", "middle", 11)
svg.append(f'<line x1="{gx}" y1="{gy + gh + 30}" x2="{gx + 16}" y2="{gy + gh + 30}" stroke="#4c78a8" stroke-width="2"/>')
text(gx + 20, gy + gh + 34, "CPU µs per file")
svg.append(f'<line x1="{gx + 140}" y1="{gy + gh + 30}" x2="{gx + 156}" y2="{gy + gh + 30}" stroke="#e45756" stroke-width="2"/>')
text(gx + 160, gy + gh + 34, "peak RSS KiB per file")
if "tenant" in kinds:
    svg.append(f'<line x1="{gx}" y1="{gy + gh + 48}" x2="{gx + 16}" y2="{gy + gh + 48}" stroke="black" stroke-width="2"/>')
    text(gx + 20, gy + gh + 52, "a folder per tenant")
    svg.append(f'<line x1="{gx + 140}" y1="{gy + gh + 48}" x2="{gx + 156}" y2="{gy + gh + 48}" stroke="black" stroke-width="2" stroke-dasharray="5,3"/>')
    text(gx + 160, gy + gh + 52, "one tenant")
svg.append("</svg>")
open(out, "w").write("\n".join(svg) + "\n")
print(out)
