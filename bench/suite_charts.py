"""Charts of docs/performance/, drawn by bench/suite.py in its own venv (.venv-suite, matplotlib).

  python suite_charts.py SPEC.json     # SPEC: {"charts_dir": ..., "sections": [{key, title, peer, figures}]}

One PNG per section (a panel per figure: ours beside the peer, value on each bar, unit on the axis,
which way is better in the panel's title) and summary.png (how many times better than the peer each
figure is, on a log scale). Prints {section key: [paths relative to docs/]} as its last line.
"""
import json
import math
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

OURS, PEER = "#1f6fb4", "#e8833a"
plt.rcParams.update({"font.size": 12, "axes.titlesize": 12.5, "axes.labelsize": 12, "xtick.labelsize": 11.5,
                     "ytick.labelsize": 11, "figure.titlesize": 16, "axes.spines.top": False, "axes.spines.right": False})


def short(value, unit):
    if unit in ("ms", "MiB") and value >= 1000:
        return f"{value:,.0f}"  # "16,206" ms rather than "16k" ms
    if value >= 10_000:
        return f"{value / 1000:,.0f}k" if value < 1e6 else f"{value / 1e6:,.2f}M"
    if value >= 1000:
        return f"{value / 1000:,.1f}k"
    if value >= 100 or unit not in ("ms", "µs"):
        return f"{value:,.0f}" if value >= 10 else f"{value:,.1f}"
    return f"{value:,.1f}" if value >= 10 else f"{value:,.2f}"


def wrap(text, width):
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join(lines + [line])


def peer_label(name):
    return wrap(name, 16) if name else "peer"


def panels(section):
    """[(title, unit, better, [(bar label, value, color, missing)], times_better)]: with a peer, one panel
    per figure (ours, peer); without, one panel per group of figures, a bar each."""
    result = []
    if section["peer"]:
        for item in section["figures"]:
            bars = [("ours", item["ours"], OURS, False),
                    (peer_label(section["peer"]), item["peer"] or 0, PEER, item["peer"] is None)]
            result.append((item["name"], item["unit"], item["better"], bars, item.get("times_better")))
        return result
    groups = {}
    for item in section["figures"]:
        key = item.get("group") or item["name"]
        if key not in groups:
            groups[key] = (key, item["unit"], item["better"], [], None)
            result.append(groups[key])
        groups[key][3].append((item.get("bar") or "ours", item["ours"], OURS, False))
    return result


def section_chart(section, path):
    figures = panels(section)
    if not figures:
        return False
    columns = min(3, len(figures))
    rows = math.ceil(len(figures) / columns)
    fig, axes = plt.subplots(rows, columns, figsize=(5.2 * columns, 4.6 * rows + 0.9), squeeze=False)
    for index, (name, unit, better, bars, times_better) in enumerate(figures):
        ax = axes[index // columns][index % columns]
        labels, values = [bar[0] for bar in bars], [bar[1] for bar in bars]
        drawn = ax.bar(labels, values, color=[bar[2] for bar in bars], width=0.6 if len(bars) > 1 else 0.4)
        if len(bars) == 1:
            ax.set_xlim(-1, 1)
        top = max(values) or 1
        for rectangle, (_, value, _, missing) in zip(drawn, bars):
            ax.text(rectangle.get_x() + rectangle.get_width() / 2, rectangle.get_height() + top * 0.02,
                    "not run" if missing else short(value, unit), ha="center", va="bottom", fontsize=12, fontweight="bold")
        ax.set_ylim(0, top * 1.18)
        ax.set_ylabel(unit)
        title = wrap(name, 40) + f"\n({'higher' if better == 'higher' else 'lower'} is better"
        if times_better:
            title += f"; ours {times_better:.1f}× better" if times_better >= 1 else f"; ours {1 / times_better:.1f}× worse"
        ax.set_title(title + ")")
        ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(
            lambda v, _, unit=unit: f"{v:g}" if v < 1000 else short(v, unit)))
    for index in range(len(figures), rows * columns):
        axes[index // columns][index % columns].axis("off")
    heading = section["title"] + (f": ours vs {section['peer']}" if section["peer"] else " (no peer: ours alone)")
    fig.suptitle(heading, fontweight="bold")
    fig.tight_layout(rect=(0, 0, 1, 0.97))
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True


def summary_chart(sections, path):
    entries = [(f"{s['short']} vs {s['peer'].split(' (')[0].split(' with ')[0]}: {f['name']}", f["times_better"], s["peer"])
               for s in sections for f in s["figures"] if f.get("times_better")]
    if not entries:
        return False
    entries.reverse()
    fig, ax = plt.subplots(figsize=(13, 0.42 * len(entries) + 1.8))
    values = [value for _, value, _ in entries]
    colors = [OURS if value >= 1 else PEER for value in values]
    ax.barh([wrap(label, 70) for label, _, _ in entries], values, color=colors, height=0.65)
    ax.set_xscale("log")
    ax.axvline(1, color="black", linewidth=1)
    for y, value in enumerate(values):
        ax.text(value * (1.08 if value >= 1 else 0.92), y, f"{value:.1f}×" if value < 10 else f"{value:.0f}×",
                va="center", ha="left" if value >= 1 else "right", fontsize=11)
    low, high = min(values + [1]), max(values + [1])
    ax.set_xlim(low / 2.5, high * 3)
    ax.set_xlabel("times better than the peer (log scale; right of 1×: ours is better, left: the peer is)")
    ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:g}×"))
    ax.set_title("Ours vs each peer, measured side by side in the same run", fontweight="bold")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True


def part_titles(part):
    return {"getData": "The HTTP API: GET /getData", "ingestData": "The HTTP API: POST /ingestData, and memory"}.get(part, part)


def main():
    spec = json.load(open(sys.argv[1]))
    out = spec["charts_dir"]
    os.makedirs(out, exist_ok=True)
    relative = os.path.basename(os.path.normpath(out))
    written = {}
    for section in spec["sections"]:
        # A section's figures may be split into parts (the API: /getData and /ingestData), a chart each.
        parts = []
        for item in section["figures"]:
            if item.get("part") not in parts:
                parts.append(item.get("part"))
        for part in parts:
            name = f"{section['key']}{'-' + part if part else ''}.png"
            piece = dict(section, figures=[f for f in section["figures"] if f.get("part") == part],
                         title=part_titles(part) if part else section["title"])
            if section_chart(piece, os.path.join(out, name)):
                written.setdefault(section["key"], []).append(f"{relative}/{name}")
    if summary_chart(spec["sections"], os.path.join(out, "summary.png")):
        written["summary"] = [f"{relative}/summary.png"]
    print(json.dumps(written))


if __name__ == "__main__":
    main()
