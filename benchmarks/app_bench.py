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
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from terminal import SPACE, AppTimeout, Frame, Terminal
from timing import per_pass

from nn101.engine.learning import Training, TrainSettings, make_dataset
from nn101.state.learning import record_every
from nn101.tui.player import FRAME as TICK
from nn101.tui.player import FULL_FRAME as FULL_TICK
from nn101.tui.player import SPEEDS, speed_label

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


@dataclass(frozen=True)
class Code:
    """A version of nn101 the app rows run: this checkout's `src`, or an earlier checkout's
    (`run.py --before DIR`), put first on the app's PYTHONPATH. The installed `nn101-tui`
    script and the host scripts then import that version; Textual and the rest are the
    same for both."""

    label: str
    src: Path

    @property
    def env(self) -> dict[str, str]:
        return {"PYTHONPATH": str(self.src)}


NOW = Code("now", HERE.parent / "src")
CODES: list[Code] = [NOW]
"""The versions each app row runs, in the order they alternate (run.py sets it)."""
ROUNDS = 2
"""With two versions, each row's work is split into this many rounds, the versions
taking turns (before, now, before, now): a machine that gets busier slows both alike."""


def compare_with(before: Path) -> None:
    """Run every app row for the checkout at `before` too, interleaved with this one."""
    CODES[:] = [Code("before", before / "src"), NOW]


def row_name(name: str, code: Code) -> str:
    return name if len(CODES) == 1 else f"{name} · {code.label}"


def interleaved(work: Callable[[Code, int], list[float]], amount: int) -> dict[Code, list[float]]:
    """`work(code, amount)` for every version; with more than one, in ROUNDS turns of
    amount / ROUNDS each, the versions alternating; the samples of a version joined."""
    rounds = 1 if len(CODES) == 1 else ROUNDS
    samples: dict[Code, list[float]] = {code: [] for code in CODES}
    for _ in range(rounds):
        for code in CODES:
            samples[code] += work(code, max(1, amount // rounds))
    return samples


def speeds_of(code: Code) -> tuple[int, ...]:
    """The learning screen's speeds in that version (an earlier one may lack full speed)."""
    if code == NOW:
        return SPEEDS
    found = subprocess.run(
        [sys.executable, "-c", "try:\n from nn101.tui.player import SPEEDS\nexcept ImportError:"
         "\n from nn101.tui.screens.learning import SPEEDS\nprint(*SPEEDS)"],
        env={**os.environ, **code.env}, capture_output=True, text=True, check=True)
    return tuple(int(v) for v in found.stdout.split())


def nn101_command() -> list[str]:
    """The installed `nn101-tui` next to this interpreter (what a user types), else -m."""
    script = Path(sys.executable).parent / "nn101-tui"
    if script.exists():
        return [str(script)]
    found = shutil.which("nn101-tui")
    return [found] if found else [sys.executable, "-m", "nn101.cli"]


MINIMAL = [sys.executable, str(HERE / "apps" / "minimal_app.py")]


def learning_command(model: str, speed: int) -> list[str]:
    if model == "mlp":  # chapter 3's screen
        return [sys.executable, str(HERE / "apps" / "classes_host.py"), str(speed)]
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


def start_once(argv: list[str], env: dict[str, str] | None = None) -> Start:
    with Terminal(argv, env=env) as term:
        first = term.next_frame("", timeout=30)
        while not first.text.strip():
            first = term.next_frame("", timeout=30)
        term.settle(quiet=0.3)
        return Start(first.time - term.started, term.frames[-1].time - term.started)


def byte_compile_nn101(src: Path) -> None:
    """Compile nn101's modules to bytecode (`__pycache__`, ignored by git), as a user's
    install has them: pip writes it when it installs, and an editable checkout on its
    first run, unless PYTHONDONTWRITEBYTECODE is set, as it is on the machines these
    figures come from. Without it every start compiles nn101's ~90 modules again (about
    45 ms of its start-up), while the minimal app's Textual is compiled, and the warm-up
    run below cannot warm that."""
    import compileall

    compileall.compile_dir(src / "nn101", quiet=1)


def app_start(reps: int) -> None:
    contenders: dict[str, tuple[list[str], dict[str, str] | None]] = {
        "minimal Textual app (one Label)": (MINIMAL, None)}
    for code in CODES:
        contenders[row_name("`nn101-tui` (the playground)", code)] = (nn101_command(), code.env)
        byte_compile_nn101(code.src)
    results: dict[str, list[Start]] = {name: [] for name in contenders}
    for argv, env in contenders.values():  # one unmeasured run each: warm the file cache
        start_once(argv, env)
    for _ in range(reps):
        for name, (argv, env) in contenders.items():
            results[name].append(start_once(argv, env))
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
    print(f"\n{reps} runs each, interleaved; 120x40 terminal; nn101 byte-compiled first, as "
          "installed. First frame: process spawn to the end of the first frame on the "
          "terminal. Settled: to the last frame before 0.3 s of quiet (deferred panes "
          "drawn).")


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
                 presses: int, *, setup: bytes = b"", opened: str = "",
                 size: tuple[int, int] = (120, 40),
                 env: dict[str, str] | None = None) -> list[float]:
    """Space `presses` times on an idle app; each time, until a frame shows shows(k).

    `setup` keys are pressed first (one at a time, until a frame shows `opened`): they open
    the pane the row measures, e.g. g for the equations pane."""
    rng = random.Random(0)
    samples = []
    with Terminal(argv, cols=size[0], rows=size[1], env=env) as term:
        term.next_frame(ready, timeout=30)
        term.settle()
        if setup:
            for key in setup:
                term.press(bytes([key]))
            term.next_frame(opened, timeout=10)
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


def training_presses(model: str, speed: int, presses: int,
                     env: dict[str, str] | None = None) -> list[float]:
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
    with Terminal(learning_command(model.lower(), speed), env=env) as term:
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
    neuron = [*nn101_command(), "--scenario", "neuron"]
    steps = (lambda k: f"iteration {k} ·")  # noqa: E731  (the status line after step k)
    ran = (lambda k: f"--iterations {k}")  # noqa: E731  (the learning screen's same-run line)

    def playing(model: str, speed: int) -> Callable[[Code, int], list[float]]:
        """The step key while playing at `speed`: no samples from a version without it."""
        return lambda code, n: (training_presses(model, speed, n, code.env)
                                if speed in speeds_of(code) else [])

    # Each row: what it measures, and the work for one version of nn101 and n keys.
    work: list[tuple[str, Callable[[Code, int], list[float]]]] = [
        ("playground, neuron: one backprop step",
         lambda code, n: idle_presses(neuron, "iteration 0 ·", steps, n, env=code.env)),
        # The panes of the chain-rule work, each on the screen while the key is pressed:
        ("playground, neuron drawn left to right (160x50): one step",
         lambda code, n: idle_presses(neuron, "above a wire: its value", steps, n,
                                      size=(160, 50), env=code.env)),
        ("playground, neuron with the equations pane (g): one step",
         lambda code, n: idle_presses(neuron, "iteration 0 ·", steps, n, setup=b"g",
                                      opened="Backprop equations", env=code.env)),
        ("learning, SVM's circuit at a point (c): one step",
         lambda code, n: idle_presses(learning_command("svm", 5), "same run", ran, n,
                                      setup=b"c", opened="The model's circuit",
                                      env=code.env)),
        ("learning, net's circuit at a point (c): one step",
         lambda code, n: idle_presses(learning_command("net", 5), "same run", ran, n,
                                      setup=b"c", opened="The model's circuit",
                                      env=code.env)),
        ("learning, SVM, while training (default speed)", playing("svm", 5)),
        *((f"learning, {model}, while training ({speed_name(speed)})",
           playing(model, speed)) for model in ("SVM", "net") for speed in (COUNTED, FASTEST)),
    ]
    rows = [Latencies("minimal Textual app: Label update", "space", idle_presses(
        MINIMAL, "presses 0", lambda k: f"presses {k}", presses))]
    for name, measure in work:
        rows += [Latencies(row_name(name, code), "space", samples)
                 for code, samples in interleaved(measure, presses).items() if samples]
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


def app_rate(model: str, speed: int, seconds: float,
             env: dict[str, str] | None = None) -> Playing:
    """Iterations per wall second shown on screen while playing, and frames per second."""
    with Terminal(learning_command(model, speed), env=env) as term:
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


def rates(model: str, speed: int, seconds: float) -> dict[Code, Playing | None]:
    """`app_rate` for every version (None where it lacks the speed), interleaved as
    `interleaved` does, the rounds' rates and frame rates averaged."""
    found: dict[Code, list[Playing]] = {code: [] for code in CODES}
    rounds = 1 if len(CODES) == 1 else ROUNDS
    for _ in range(rounds):
        for code in CODES:
            if speed in speeds_of(code):
                found[code].append(app_rate(model, speed, seconds / rounds, code.env))
    return {code: Playing(statistics.fmean(p.rate for p in runs),
                          statistics.fmean(p.fps for p in runs)) if runs else None
            for code, runs in found.items()}


def class_engine_rate(budget: float) -> float:
    """Chapter 3's updates per CPU second of the engine alone, set up as the 3-class screen
    sets it up (its default run: MLP 2-16-3, Adam, minibatch 64, both splits measured every
    iteration)."""
    from nn101.state.class_learning import ClassLearning

    training = ClassLearning().training
    batch = 50

    def run() -> None:
        training.run(batch)

    (seconds,) = per_pass([run], budget, rounds=3)
    return batch / seconds


def class_training_throughput(seconds: float, budget: float) -> None:
    """The 3-class screen at full speed against the engine alone (target: 50% or more)."""
    print("| run | engine alone | in the app, full speed | app / engine |")
    print("|---|---:|---:|---:|")
    alone = class_engine_rate(budget)
    playing = app_rate("mlp", FASTEST, seconds)
    print(f"| MLP 2-16-3 tanh, Adam, batch 64, yin-yang 300 points | {alone:,.0f} it/s "
          f"| {playing.rate:,.0f} it/s at {playing.fps:.0f} fps "
          f"| **{playing.rate / alone:.1%}** |", flush=True)
    print(f"\nEngine alone: CPU time of ClassTraining.run. In the app: iterations shown over "
          f"{seconds:g} s of wall time while the 3-class screen plays at full speed (each "
          "update kept for rewinding, the panes drawn on their cadence).")


def training_throughput(seconds: float, budget: float) -> None:
    print("| model | engine alone | in the app, default speed (5/tick) "
          f"| {COUNTED}/tick | fastest ({speed_name(FASTEST)}) | app / engine (fastest) |")
    print("|---|---:|---:|---:|---:|---:|")

    def shown(playing: Playing | None) -> str:
        return "—" if playing is None else f"{playing.rate:,.0f} it/s at {playing.fps:.0f} fps"

    for model, label in (("svm", "SVM (a*x + b*y + c)"), ("net", "2-layer net (3 ReLU)")):
        alone = engine_rate(model, budget)
        default = rates(model, 5, seconds)
        counted = rates(model, COUNTED, seconds)
        fastest = rates(model, FASTEST, seconds)
        for code in CODES:
            top = fastest[code]
            share = "—" if top is None else f"{top.rate / alone:.1%}"
            print(f"| {row_name(label, code)} | {alone:,.0f} it/s | {shown(default[code])} "
                  f"| {shown(counted[code])} | {shown(top)} | {share} |", flush=True)
    print(f"\nEngine alone: CPU time, the guide's 6 points, accuracy recorded every "
          f"iteration as on screen. In the app: iterations shown over {seconds:g} s of "
          f"wall time while playing (a frame every {TICK * 1e3:.0f} ms; at full speed it "
          "trains between frames), and the frames "
          "painted meanwhile.")

