"""nn101's engine against micrograd, side by side in one process: one command, one table.

How to run (from the repository root):

    make bench                       # installs the "bench" extra (micrograd), then runs this
    .venv/bin/python benchmarks/run.py [--quick]

It prints Markdown tables (paste them into the README as they are):

1. Engine vs micrograd, forward + backward per pass on (a) the guide's neuron, (b) a random
   expression of 10,000 gates, (c) a 2-16-16-1 net over 100 points; the speed-up is
   micrograd's time / nn101's, and both engines' gradients are compared (largest relative
   difference; they must agree to 1e-9, else the command exits 1). nn101 is timed as
   designed (circuit built once, re-run every pass) and, for comparison, rebuilt every pass
   as micrograd must: `loss.backward()` on the new graph as micrograd's users write it,
   and the same graph through a new `Circuit(...).backward()`. (d) is chapter 3's step:
   a 2-8-3 tanh MLP with softmax cross-entropy over the peer run's 80 yin-yang points,
   full batch; micrograd 0.1.0 has no exp, log or tanh, so workloads.py adds them to its
   Value the way micrograd writes its own ops.
2. Depth: the chain length at which micrograd's recursive topological sort raises
   RecursionError (nn101 sorts without recursion).
   Scaling: per gate (node, step) costs of building, sorting, running, walking, parsing
   and loading from 10,000 to 1,000,000, with the ratio to the smallest size, next to
   micrograd where it runs, and the peak memory of a 1,000,000-gate chain (scaling.py).
   Notebook display: the SVG drawing of a circuit and a stepper's walk, against the
   terminal's drawing of the same layout (notebook_bench.py).
3. App start: `nn101-tui` to its first painted frame vs a minimal Textual app (one Label).
4. Key to paint: a step key to the frame that shows it (median, p90), for the playground's
   neuron and the learning screen while it trains, vs the minimal app updating its Label.
5. Training: SGD iterations per second, engine alone and in the app while playing, with
   the frame rate the app keeps.
6. Chapter 3 (`classes`): the 3-class screen's training at full speed vs the engine alone.

The app sections (3-6) run every app as a process on a pseudo-terminal and time what the
terminal receives (app_bench.py says why); pick sections with --only, e.g.
`--only start,keys`. `--before DIR` runs every app row for an earlier checkout too (a
`git worktree add DIR <commit>`), interleaved with this one, for before/after tables from
one run on one machine.

Engine times are CPU time per pass, the best of 5 interleaved batches (see timing.py); app
times are wall time (what a user waits for), medians of interleaved runs. Nothing here
asserts a time: the machine may be shared and noisy. The whole run takes about three
minutes; --quick is faster and rougher (for checking that the command works).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scaling
from timing import human, per_pass
from workloads import (
    Workload,
    classes3,
    mg_depth_limit,
    net,
    neuron,
    random_expression,
)

TOLERANCE = 1e-9


def max_relative_difference(ours: list[float], theirs: list[float]) -> float:
    """Largest |a - b| / max(1, |a|, |b|) over the gradients (relative where they are big)."""
    if len(ours) != len(theirs):
        return float("inf")
    return max(
        (abs(a - b) / max(1.0, abs(a), abs(b)) for a, b in zip(ours, theirs, strict=True)),
        default=0.0,
    )


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} CPU(s), {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()} ({platform.python_implementation()})"
    )


def compare(workloads: list[Workload], budget: float) -> bool:
    print(
        "| workload | nn101 (built once, re-run) | micrograd | speed-up "
        "| nn101 rebuilt every pass | speed-up "
        "| rebuilt, through a new `Circuit` | speed-up | gradients (nn101 vs micrograd) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    all_agree = True
    for w in workloads:
        passes = [w.ours, w.theirs, w.rebuilt]
        if w.rebuilt_circuit is not None:
            passes.append(w.rebuilt_circuit)
        diff = max(max_relative_difference(run(), w.theirs()) for run in passes)
        agree = diff <= TOLERANCE
        all_agree &= agree
        ours, theirs, rebuilt, *through = per_pass(passes, budget)
        circuit = (f"{human(through[0])} | {theirs / through[0]:.1f}x" if through
                   else "— | —")
        verdict = f"{'same' if agree else 'DIFFERENT'} (max rel. diff {diff:.0e})"
        print(
            f"| {w.name} | {human(ours)} | {human(theirs)} | **{theirs / ours:.1f}x** "
            f"| {human(rebuilt)} | {theirs / rebuilt:.1f}x | {circuit} | {verdict} |",
            flush=True,
        )
    return all_agree


def depth() -> None:
    limit = mg_depth_limit()
    if limit < 0:
        print("micrograd: a chain of 100,000 operations did not raise RecursionError.")
    else:
        print(
            f"micrograd: backward raises RecursionError from a chain of {limit:,} operations "
            f"(Python's recursion limit is {sys.getrecursionlimit():,}); nn101 sorts without "
            "recursion."
        )


ORDER = ("engine", "depth", "scaling", "notebook", "start", "keys", "train", "classes")
SECTIONS = frozenset(ORDER)


def _sections(text: str) -> frozenset[str]:
    picked = frozenset(part.strip() for part in text.split(",") if part.strip())
    unknown = picked - SECTIONS
    if unknown or not picked:
        raise argparse.ArgumentTypeError(
            f"unknown section(s) {', '.join(sorted(unknown)) or '(none)'}; "
            f"choose from {','.join(ORDER)}")
    return picked


def _checkout(text: str) -> Path:
    folder = Path(text).resolve()
    if not (folder / "src" / "nn101" / "tui").is_dir():
        raise argparse.ArgumentTypeError(f"{text}: not a checkout of nn101 (no src/nn101/tui)")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="smaller time budget per row")
    parser.add_argument("--only", type=_sections, default=SECTIONS,
                        help=f"comma-separated sections to run: {','.join(ORDER)} (all)")
    parser.add_argument("--before", type=_checkout, metavar="DIR",
                        help="an earlier checkout of nn101 (e.g. a `git worktree` of the "
                        "commit before a change): every app row runs it too, interleaved "
                        "with this checkout, rows marked 'before' and 'now'")
    args = parser.parse_args(argv)
    budget = 0.03 if args.quick else 0.25
    only = args.only

    print(f"Machine: {machine()}\n")
    load_at_start = os.getloadavg()[0]
    agree = True
    if "engine" in only:
        print("## Engine vs micrograd (forward + backward, one pass)\n")
        agree = compare([neuron(), random_expression(10_000), net(100), classes3()],
                        budget)
    if "depth" in only:
        print("\n## Depth: a chain of gates\n")
        depth()
    if "scaling" in only:
        print("\n## Scaling: cost per gate from 10,000 to 1,000,000\n")
        sizes = [10_000, 25_000, 100_000] if args.quick else [
            10_000, 25_000, 100_000, 400_000, 1_000_000]
        scaling.table(sizes, 1 if args.quick else 3)
    if "notebook" in only:
        import notebook_bench  # the state layer and grandalf: only when this section runs

        print("\n## Notebook display (SVG)\n")
        notebook_bench.table(budget)
    if only & {"start", "keys", "train", "classes"}:
        import app_bench  # textual and the app: only when an app section runs

        if args.before is not None:
            app_bench.compare_with(args.before)

        if "start" in only:
            print("\n## App start: process start to the first painted frame\n")
            app_bench.app_start(3 if args.quick else 9)
        if "keys" in only:
            print("\n## Key to paint\n")
            app_bench.key_to_paint(5 if args.quick else 25)
        if "train" in only:
            print("\n## Training throughput (SGD iterations per second)\n")
            app_bench.training_throughput(1.0 if args.quick else 4.0, budget)
        if "classes" in only:
            print("\n## Chapter 3: the 3-class training at full speed, app vs engine\n")
            app_bench.class_training_throughput(1.0 if args.quick else 4.0, budget)
    print(f"\nLoad average (1 min) at the start: {load_at_start:.2f}, at the end: "
          f"{os.getloadavg()[0]:.2f} on {os.cpu_count()} CPU(s): a busy machine slows the "
          "app rows (wall time) more than the engine rows (CPU time).")
    if not agree:
        print("\nThe engines' gradients differ: see the table above.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
