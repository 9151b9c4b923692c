"""The app as a user feels it: start-up, key to paint, and training while it plays.

Every app runs as its own process on a pseudo-terminal (see terminal.py): the real
`nn101-tui` command or a small host script, the real Linux driver, nothing patched. The
benchmark plays a terminal that supports synchronized output, so each frame arrives
wrapped in BSU/ESU and "painted" means "its last byte reached the terminal".

Why this method and not an in-process hook (on_mount + call_after_refresh writing a
timestamp, or run_test): a hook inside the app cannot see the interpreter's start, the
imports before the hook runs, the terminal driver's writer thread, or the pty; headless
mode skips writing frames altogether. From the outside, the start time is the moment
before the process is spawned, and the paint time is when the frame's bytes are read, which
is what a user waits for. The same harness times the reference app, so both carry the same
overhead (fork/exec, the pty, the reader's 50 ms select timeout does not apply: select
returns as soon as bytes arrive).

- App start: process spawn to the first frame (median of interleaved runs: reference,
  nn101, reference, nn101, ...), and to "settled" (the last frame before 0.3 s of quiet:
  the start-up work is done, deferred panes included).
- Key to paint: from writing a key to the pty to the first frame showing its effect (a
  text the key puts on screen), median and 90th percentile. The learning screen is
  measured while it trains: play (p), let it run 0.2 s and a moment spread evenly over a
  frame period (training_presses says why), then the step key
  (which pauses and steps: its frame says "paused"), at 1000 iterations per frame and at
  the fastest speed (SPEEDS[-1], full speed: it trains from one frame to the next).
- Training: SGD iterations per second of the engine alone (CPU time, per_pass), and inside
  the app while playing (iterations shown on screen over wall time) at the default speed,
  1000 per frame and the fastest speed (SPEEDS[-1], full speed), with the frames per
  second the app painted meanwhile.

Wall time is used for everything that crosses the pty (it is what the user waits for);
medians over interleaved runs keep a shared machine's noise out of the ratios.
"""

from __future__ import annotations

import math
import random
import re
import shutil
import statistics
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from terminal import SPACE, AppTimeout, Frame, Terminal
from timing import per_pass

from nn101.engine.learning import Training, TrainSettings, make_dataset
from nn101.tui.screens.learning import FULL_TICK, SPEEDS, TICK, record_every, speed_label

HERE = Path(__file__).resolve().parent
FRAME = 1 / 60
"""One frame at 60 Hz: the "within a frame" target (about 17 ms)."""
FASTEST = SPEEDS[-1]
"""The learning screen's fastest speed, the last the + key reaches: full speed (it trains
from one frame to the next), not a count per frame."""
COUNTED = max(SPEEDS)
"""The most iterations per frame a counted speed asks for (1000)."""


def speed_name(speed: int) -> str:
    """`1000/tick`, or `full speed` for FULL_SPEED."""
    return f"{speed}/tick" if speed != FASTEST else speed_label(speed)


def nn101_command() -> list[str]:
    """The installed `nn101-tui` next to this interpreter (what a user types), else -m."""
    script = Path(sys.executable).parent / "nn101-tui"
    if script.exists():
        return [str(script)]
    found = shutil.which("nn101-tui")
    return [found] if found else [sys.executable, "-m", "nn101.cli"]


MINIMAL = [sys.executable, str(HERE / "apps" / "minimal_app.py")]


def learning_command(model: str, speed: int) -> list[str]:
    return [sys.executable, str(HERE / "apps" / "learning_host.py"), model, str(speed)]


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile, nearest rank (no interpolation: it is a value that happened)."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(q / 100 * len(ordered))))
    return ordered[rank - 1]


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:.1f} ms"


# --- 3. app start -------------------------------------------------------------------------


@dataclass(frozen=True)
class Start:
    first: float
    settled: float


def start_once(argv: list[str]) -> Start:
    with Terminal(argv) as term:
        first = term.next_frame("", timeout=30)
        while not first.text.strip():
            first = term.next_frame("", timeout=30)
        term.settle(quiet=0.3)
        return Start(first.time - term.started, term.frames[-1].time - term.started)


def app_start(reps: int) -> None:
    contenders = {
        "minimal Textual app (one Label)": MINIMAL,
        "`nn101-tui` (the playground)": nn101_command(),
    }
    results: dict[str, list[Start]] = {name: [] for name in contenders}
    for argv in contenders.values():  # one unmeasured run each: warm the file cache
        start_once(argv)
    for _ in range(reps):
        for name, argv in contenders.items():
            results[name].append(start_once(argv))
    print("| app | first frame (median) | range | vs minimal | settled (median) "
          "| vs minimal |")
    print("|---|---:|---:|---:|---:|---:|")
    base = statistics.median(s.first for s in results[next(iter(contenders))])
    base_settled = statistics.median(s.settled for s in results[next(iter(contenders))])
    for name, runs in results.items():
        firsts = [s.first for s in runs]
        first = statistics.median(firsts)
        settled = statistics.median(s.settled for s in runs)
        print(f"| {name} | {ms(first)} | {ms(min(firsts))}-{ms(max(firsts))} "
              f"| **{first / base:.2f}x** | {ms(settled)} | {settled / base_settled:.2f}x |",
              flush=True)
    print(f"\n{reps} runs each, interleaved; 120x40 terminal. First frame: process spawn to "
          "the end of the first frame on the terminal. Settled: to the last frame before "
          "0.3 s of quiet (deferred panes drawn).")


# --- 4. key to paint ----------------------------------------------------------------------


@dataclass(frozen=True)
class Latencies:
    name: str
    key: str
    samples: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p90(self) -> float:
        return percentile(self.samples, 90)


def idle_presses(argv: list[str], ready: str, shows: Callable[[int], str],
                 presses: int) -> list[float]:
    """Space `presses` times on an idle app; each time, until a frame shows shows(k)."""
    rng = random.Random(0)
    samples = []
    with Terminal(argv) as term:
        term.next_frame(ready, timeout=30)
        term.settle()
        for k in range(1, presses + 1):
            pressed = term.press(SPACE)
            frame = term.next_frame(shows(k), after=pressed)
            samples.append(frame.time - pressed)
            term.drain(rng.uniform(0.03, 0.08))
    return samples


def press_waits(presses: int, period: float, seed: int = 0) -> list[float]:
    """Seconds to play before each key: 0.2 plus the k-th of `presses` equal slices of
    `period`, at a random point of it (seeded), in shuffled order (training_presses)."""
    rng = random.Random(seed)
    waits = [0.2 + period * (k + rng.random()) / presses for k in range(presses)]
    rng.shuffle(waits)
    return waits


def training_presses(model: str, speed: int, presses: int) -> list[float]:
    """The step key while the learning screen plays: play, run a while, step (= pause and
    one step: the frame says "paused"), and again.

    How long it runs before the key: 0.2 s plus a moment spread evenly over one frame
    period (TICK, or FULL_TICK at full speed), the k-th press in the k-th slice of it, at a
    random point of the slice, in shuffled order. Playing paints a frame every period, and
    whether a key comes just after one (Textual paints the next no sooner than the second
    60 Hz tick after it) or well after decides its latency: five presses at
    random.uniform(0.15, 0.35) s fell at five fixed, arbitrary moments of the period, and a
    quick run's median said more about those moments than about the app."""
    samples = []
    waits = press_waits(presses, FULL_TICK if speed == FASTEST else TICK)
    with Terminal(learning_command(model.lower(), speed)) as term:
        term.next_frame("same run", timeout=30)
        term.settle()
        for wait in waits:
            term.press(b"p")
            term.next_frame("playing")
            term.drain(wait)
            pressed = term.press(SPACE)
            frame = term.next_frame("paused", after=pressed)
            samples.append(frame.time - pressed)
    return samples


def key_to_paint(presses: int) -> list[Latencies]:
    rows = [
        Latencies("minimal Textual app: Label update", "space", idle_presses(
            MINIMAL, "presses 0", lambda k: f"presses {k}", presses)),
        Latencies("playground, neuron: one backprop step", "space", idle_presses(
            [*nn101_command(), "--scenario", "neuron"], "iteration 0 ·",
            lambda k: f"iteration {k} ·", presses)),
        Latencies("learning, SVM, while training (default speed)", "space",
                  training_presses("svm", 5, presses)),
        *(Latencies(f"learning, {model}, while training ({speed_name(speed)})", "space",
                    training_presses(model, speed, presses))
          for model in ("SVM", "net") for speed in (COUNTED, FASTEST)),
    ]
    base = rows[0].median
    print("| app, what the key does | key | samples | median | p90 | median vs minimal "
          "| median within a frame (16.7 ms) |")
    print("|---|---|---:|---:|---:|---:|---|")
    for r in rows:
        print(f"| {r.name} | {r.key} | {len(r.samples)} | {ms(r.median)} | {ms(r.p90)} "
              f"| **{r.median / base:.2f}x** | {'yes' if r.median <= FRAME else 'no'} |")
    print("\nFrom writing the key to the pty to the end of the first frame that shows its "
          "effect; the learning rows press the step key while the screen is playing.")
    return rows


# --- 5. training throughput ---------------------------------------------------------------


def engine_rate(model: str, budget: float) -> float:
    """SGD iterations per CPU second of the engine alone, set up as the screen sets it up."""
    data = make_dataset("guide")
    training = Training(model, data, TrainSettings(every=record_every(len(data))))
    batch = 500

    def run() -> None:
        training.run(batch)

    (seconds,) = per_pass([run], budget, rounds=3)
    return batch / seconds


_ITERATIONS = re.compile(r"--iterations (\d+)")


def _iterations(frame: Frame) -> int | None:
    found = _ITERATIONS.findall(frame.text)
    return int(found[-1]) if found else None


@dataclass(frozen=True)
class Playing:
    rate: float
    fps: float


def app_rate(model: str, speed: int, seconds: float) -> Playing:
    """Iterations per wall second shown on screen while playing, and frames per second."""
    with Terminal(learning_command(model, speed)) as term:
        term.next_frame("same run", timeout=30)
        term.settle()
        term.press(b"p")
        term.next_frame("playing")
        begin = len(term.frames)
        term.drain(seconds)
        window = term.frames[begin:]
        counted = [(f.time, n) for f in window if (n := _iterations(f)) is not None]
        if len(counted) < 2:
            raise AppTimeout("the learning screen showed no iteration counts while playing")
        (t0, n0), (t1, n1) = counted[0], counted[-1]
        fps = (len(window) - 1) / (window[-1].time - window[0].time)
        return Playing((n1 - n0) / (t1 - t0), fps)


def training_throughput(seconds: float, budget: float) -> None:
    print("| model | engine alone | in the app, default speed (5/tick) "
          f"| {COUNTED}/tick | fastest ({speed_name(FASTEST)}) | app / engine (fastest) |")
    print("|---|---:|---:|---:|---:|---:|")
    for model, label in (("svm", "SVM (a*x + b*y + c)"), ("net", "2-layer net (3 ReLU)")):
        alone = engine_rate(model, budget)
        default = app_rate(model, 5, seconds)
        counted = app_rate(model, COUNTED, seconds)
        fastest = app_rate(model, FASTEST, seconds)
        print(f"| {label} | {alone:,.0f} it/s | {default.rate:,.0f} it/s at "
              f"{default.fps:.0f} fps | {counted.rate:,.0f} it/s at {counted.fps:.0f} fps "
              f"| {fastest.rate:,.0f} it/s at {fastest.fps:.0f} fps "
              f"| {fastest.rate / alone:.1%} |", flush=True)
    print(f"\nEngine alone: CPU time, the guide's 6 points, accuracy recorded every "
          f"iteration as on screen. In the app: iterations shown over {seconds:g} s of "
          f"wall time while playing (a frame every {TICK * 1e3:.0f} ms; at full speed it "
          "trains between frames), and the frames "
          "painted meanwhile.")

