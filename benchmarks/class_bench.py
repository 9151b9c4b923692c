"""A class under load: N simulated students over websockets, against `serve` and JupyterHub.

    PYTHONPATH=src:. python benchmarks/class_bench.py [--students 10,30,60] [--hub 10]
                                                      [--seconds 40] [--quick]

No browsers: each student is a websocket client that talks to its tab's app as textual.js
does (`/ws?width=120&height=36`, `["stdin", " "]` frames), so the machine's cores serve
only the apps, as in a class whose browsers run on the students' own laptops. Each
student waits for the neuron's first frame, then presses space every 1 to 3 s (a seeded
uniform pause after each paint) for SECONDS, timing each key from the moment it is sent
to the first frame from its app that shows the new iteration (key-to-paint). Reported per
N: key-to-paint median and 95th percentile, memory per student (proportional set size:
the student's app, plus in the hub set-up a share of their own Jupyter server and serve),
the CPU the whole set-up used while the class typed (in cores), the time until every
student had their first frame, keys that did not paint within KEY_TIMEOUT, and the
machine's load average at the end of the typing (on a shared machine, other work's). A reference
run of one student on `serve`, in the same process, gives the ratios.

The JupyterHub set-up is tests/classroom/hub.py's (make test-class installs it): one
user and one Jupyter server per student, each student's nn101 opened through the hub's
proxy and jupyter-server-proxy with that user's API token. Everything listens on
loopback only. The machine's load average before and after is printed with the table.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import statistics
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
from tests.web.browser import server

SIZE = "width=120&height=36"
FIRST = b"0.88080"
KEY_TIMEOUT = 15.0
START_TIMEOUT = 300.0
CONTROL = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]")
"""Terminal control sequences, taken out of the app's output before looking for text."""


@dataclass
class Student:
    url: str
    headers: dict[str, str]
    seed: int
    delays: list[float] = field(default_factory=list)
    missed: int = 0
    ready: float = 0.0
    text: bytes = b""
    changed: asyncio.Event = field(default_factory=asyncio.Event)

    async def listen(self, ws: Any) -> None:
        async for message in ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.text = (self.text + CONTROL.sub(b"", message.data))[-200_000:]
                self.changed.set()

    async def wait_for(self, needle: bytes, since: int, timeout: float) -> bool:
        end = time.monotonic() + timeout
        while needle not in self.text[since:]:
            left = end - time.monotonic()
            if left <= 0:
                return False
            self.changed.clear()
            try:
                await asyncio.wait_for(self.changed.wait(), left)
            except TimeoutError:
                return False
        return True

    async def attend(self, session: aiohttp.ClientSession, start: float,
                     connected: asyncio.Barrier, done: asyncio.Barrier,
                     seconds: float) -> None:
        rng = random.Random(self.seed)
        async with session.ws_connect(self.url, headers=self.headers,
                                      max_msg_size=0) as ws:
            listener = asyncio.create_task(self.listen(ws))
            if not await self.wait_for(FIRST, 0, START_TIMEOUT):
                raise RuntimeError("a student's app never drew its first frame")
            self.ready = time.monotonic() - start
            await connected.wait()  # the class starts typing together
            stop = time.monotonic() + seconds
            await asyncio.sleep(rng.uniform(0, 3))
            key = 0
            while time.monotonic() < stop:
                key += 1
                mark = len(self.text)
                sent = time.monotonic()
                await ws.send_str(json.dumps(["stdin", " "]))
                if await self.wait_for(b"iteration %d " % key, mark, KEY_TIMEOUT):
                    self.delays.append(time.monotonic() - sent)
                else:
                    self.missed += 1
                    key = self.iteration()
                await asyncio.sleep(rng.uniform(1, 3))
            await done.wait()  # the apps are measured before any tab closes
            listener.cancel()

    def iteration(self) -> int:
        found = re.findall(rb"iteration (\d+) ", self.text)
        return int(found[-1]) if found else 0


def descendants(root: int) -> list[int]:
    """`root` and every process below it."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(parents.get(pid, []))
    return out


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime + stime, clock ticks
    return total / os.sysconf("SC_CLK_TCK")


def pss_mib(pid: int) -> float:
    try:
        for row in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if row.startswith("Pss:"):
                return int(row.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def is_app(pid: int) -> bool:
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return b"nn101.cli" in argv and b"serve" not in argv


async def run_class(students: list[Student], root: int, seconds: float) -> dict[str, float]:
    start = time.monotonic()
    connected = asyncio.Barrier(len(students) + 1)
    done = asyncio.Barrier(len(students) + 1)
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:
        tasks = [asyncio.create_task(s.attend(session, start, connected, done, seconds))
                 for s in students]
        await asyncio.wait_for(connected.wait(), START_TIMEOUT)
        pids = descendants(root)
        apps = [pid for pid in pids if is_app(pid)]
        if len(apps) != len(students):
            raise RuntimeError(f"{len(apps)} app processes for {len(students)} students")
        pss_all = sum(pss_mib(pid) for pid in pids)
        pss_apps = statistics.mean(pss_mib(pid) for pid in apps)
        cpu0, wall0 = cpu_seconds(descendants(root)), time.monotonic()
        await asyncio.wait_for(done.wait(), seconds + START_TIMEOUT)
        cpu1, wall1 = cpu_seconds(descendants(root)), time.monotonic()
        load = os.getloadavg()[0]  # the machine's, over the last minute of typing
        await asyncio.gather(*tasks)
    delays = sorted(d for s in students for d in s.delays)
    return {
        "p50": statistics.median(delays) * 1000,
        "p95": delays[int(0.95 * (len(delays) - 1))] * 1000,
        "keys": len(delays),
        "missed": sum(s.missed for s in students),
        "app_pss": pss_apps,
        "student_pss": pss_all / len(students),
        "cores": (cpu1 - cpu0) / (wall1 - wall0),
        "ready": max(s.ready for s in students),
        "load": load,
    }


def on_serve(n: int, seconds: float) -> dict[str, float]:
    with server("--scenario", "neuron", serve_args=["--max-sessions", str(n)]) as (proc, url):
        students = [Student(url.replace("http", "ws") + "/ws?" + SIZE, {}, seed)
                    for seed in range(n)]
        return asyncio.run(run_class(students, proc.pid, seconds))


@contextmanager
def hub_students(n: int, folder: Path) -> Iterator[tuple[list[Student], int]]:
    from tests.classroom.hub import hub

    with hub(folder) as the_hub:
        students = []
        for k in range(n):
            name = f"student{k}"
            assert the_hub.api("POST", f"/users/{name}") in (201, 409)
            token = api_json(the_hub, "POST", f"/users/{name}/tokens",
                             {"expires_in": 3600})["token"]
            assert the_hub.api("POST", f"/users/{name}/server") in (201, 202)
            students.append(Student(f"{the_hub.url.replace('http', 'ws')}/user/{name}/nn101/"
                                    f"ws?{SIZE}", {"Authorization": f"token {token}"}, k))
        for k, student in enumerate(students):  # each server up, its nn101 started
            wait_page(f"{the_hub.url}/user/student{k}/nn101/", student.headers)
        yield students, the_hub.proc.pid


def api_json(the_hub: Any, method: str, path: str, body: dict[str, Any]) -> Any:
    request = urllib.request.Request(
        f"{the_hub.url}/hub/api{path}", method=method, data=json.dumps(body).encode(),
        headers={"Authorization": f"token {the_hub.api_token}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def wait_page(url: str, headers: dict[str, str]) -> None:
    end = time.monotonic() + START_TIMEOUT
    while True:
        try:
            with urllib.request.urlopen(urllib.request.Request(url, headers=headers),
                                        timeout=30) as response:
                if b'id="terminal"' in response.read():
                    return
        except OSError:
            pass
        if time.monotonic() > end:
            raise RuntimeError(f"{url} never served nn101")
        time.sleep(1)


def on_hub(n: int, seconds: float) -> dict[str, float]:
    import tempfile

    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="nn101-hub-")))
        students, root = stack.enter_context(hub_students(n, folder / "hub"))
        return asyncio.run(run_class(students, root, seconds))


def row(label: str, n: int, r: dict[str, float], ref: dict[str, float]) -> str:
    return (f"| {label} | {n} | {r['p50']:.0f} ms / {r['p95']:.0f} ms | "
            f"{r['p50'] / ref['p50']:.1f}x / {r['p95'] / ref['p95']:.1f}x | "
            f"{r['app_pss']:.0f} MiB | {r['student_pss']:.0f} MiB | {r['cores']:.2f} | "
            f"{r['ready']:.0f} s | {r['keys']:.0f} ({r['missed']:.0f} missed) | "
            f"{r['load']:.1f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", default="10,30,60")
    parser.add_argument("--hub", default="10", help="class sizes through JupyterHub ('' none)")
    parser.add_argument("--seconds", type=float, default=40.0)
    parser.add_argument("--quick", action="store_true", help="--students 3 --hub 2 "
                        "--seconds 10: to check the benchmark works")
    args = parser.parse_args()
    if args.quick:
        args.students, args.hub, args.seconds = "3", "2", 10.0
    load0 = os.getloadavg()
    ref = on_serve(1, args.seconds)
    rows = [row("serve (reference)", 1, ref, ref)]
    for n in (int(v) for v in args.students.split(",") if v):
        rows.append(row("serve", n, on_serve(n, args.seconds), ref))
        print(rows[-1], flush=True)
    for n in (int(v) for v in args.hub.split(",") if v):
        rows.append(row("JupyterHub", n, on_hub(n, args.seconds), ref))
        print(rows[-1], flush=True)
    load1 = os.getloadavg()
    print()
    print("| set-up | students | key-to-paint p50 / p95 | vs 1 student | app PSS | "
          "memory per student (PSS, all processes) | CPU while typing (cores) | "
          "all first frames after | keys timed | machine load (1 min) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    print(f"\nload average (1 min) before: {load0[0]:.1f}, after: {load1[0]:.1f}; "
          f"{os.cpu_count()} cores; {args.seconds:g} s of typing per class")


if __name__ == "__main__":
    main()
