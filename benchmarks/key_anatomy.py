"""Where a step key's time goes: CPU of the step, of its frame, and of each widget in it.

    .venv/bin/python benchmarks/key_anatomy.py [--presses N] [--size COLSxROWS] [--keys K]
                                               [ARGS...]

Runs `nn101-tui ARGS` (default: `--scenario neuron`) on a pseudo-terminal as the key-to-
paint benchmark does, presses the step key N times, and reads the clocks that
apps/anatomy_host.py puts on the way (main thread CPU time, so a busy machine moves these
figures far less than wall time). It prints the median step, the median frame after it,
and each widget's mean cost in that frame: re-rendered (its content changed) or from its
cache (unchanged, but inside the region Textual repaints: Textual renders every widget
that overlaps the bounding box of the changed regions). The last row, the frame less the
widgets, is compositing and writing the frame.

The figures explain the key-to-paint rows of run.py; nothing here is a target.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from terminal import SPACE, Terminal

HERE = Path(__file__).resolve().parent


def size(text: str) -> tuple[int, int]:
    cols, _, rows = text.partition("x")
    return int(cols), int(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--presses", type=int, default=40)
    parser.add_argument("--size", type=size, default=(120, 40))
    parser.add_argument("--keys", default="", help="keys pressed first, e.g. g (the "
                        "equations pane) or d (the tree instead of the drawing)")
    parser.add_argument("args", nargs="*", default=["--scenario", "neuron"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "anatomy.json"
        argv = [sys.executable, str(HERE / "apps" / "anatomy_host.py"), str(out), *args.args]
        rng = random.Random(0)
        with Terminal(argv, cols=args.size[0], rows=args.size[1]) as term:
            term.next_frame("iteration 0 ·", timeout=30)
            term.settle()
            for key in args.keys:
                term.press(key.encode())
                term.settle()
            for k in range(1, args.presses + 1):
                pressed = term.press(SPACE)
                term.next_frame(f"iteration {k} ·", after=pressed)
                term.drain(rng.uniform(0.03, 0.08))
            term.press(b"q")  # quit: the host writes its samples as it exits
            for _ in range(50):
                if term.process.poll() is not None:
                    break
                term.drain(0.1)
        data = json.loads(out.read_text())
    skip = 3  # the first keys pay for imports and caches
    steps, frames = data["steps"][skip:], data["frames"][skip:]
    step, frame = statistics.median(steps), statistics.median(frames)
    keys = f", after pressing {args.keys}" if args.keys else ""
    print(f"`nn101-tui {' '.join(args.args)}` at {args.size[0]}x{args.size[1]}{keys}, "
          f"{len(steps)} step keys (main thread CPU, medians)\n")
    print("| where | ms | share of step + frame |")
    print("|---|---:|---:|")
    total = step + frame
    print(f"| the key's handler (step + panes) | {step * 1000:.2f} | {step / total:.0%} |")
    print(f"| the key's frame | {frame * 1000:.2f} | {frame / total:.0%} |")
    # A widget's cost per key frame: its total over the frames / the frames (a widget that
    # re-rendered in a few of them only counts for that share)
    keys = len(data["frames"])
    rows = sorted(((sum(v) / keys, k) for k, v in data["widgets"].items()), reverse=True)
    rendered = sum(ms for ms, k in rows if k.endswith("(re-rendered)"))
    cached = sum(ms for ms, k in rows if k.endswith("(from cache)"))
    count = statistics.median(data["counts"][skip:])
    print(f"| - widgets re-rendered | {rendered * 1000:.2f} | {rendered / total:.0%} |")
    print(f"| - the other widgets from their cache ({count:.0f} rendered in all) "
          f"| {cached * 1000:.2f} | {cached / total:.0%} |")
    rest = frame - rendered - cached
    print(f"| - compositing and writing | {rest * 1000:.2f} | {rest / total:.0%} |")
    print("\n| widget in the key's frame (mean per frame) | ms |")
    print("|---|---:|")
    for spent, name in rows:
        if spent >= 0.05e-3 or name.endswith("(re-rendered)"):
            print(f"| {name} | {spent * 1000:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
