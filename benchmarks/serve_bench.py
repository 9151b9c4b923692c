"""A class in browsers: memory per student, page load to first frame, key-to-paint.

    PYTHONPATH=src:. python benchmarks/serve_bench.py [--students 1,5,10,20] [--keys 10]

Starts `nn101-tui serve --scenario neuron` on a free loopback port and opens N headless
Chromium tabs on it (the same set-up as tests/web). Every tab is a student: each loads the
page (first frame = the neuron's 0.88080 in the terminal's buffer), then all press space
together, KEYS times, and each measures the time from its key to the new iteration
appearing in its own terminal. Reported per N: the app processes' resident memory (mean),
page load to first frame (median, max) and key-to-paint (median, 95th percentile).
Chromium's own cost is on this machine too, so a real class (browsers on their laptops)
leaves more room for the apps than this measures.
"""

from __future__ import annotations

import argparse
import statistics
import time

from tests.web.browser import children, launch, open_page, rss_kib, server, wait_for_text

WATCH_JS = """(n) => {
  const t = window.__xterm, target = "iteration " + n + " ";
  window.__t0 = null; window.__t1 = null;
  window.addEventListener("keydown", () => { if (window.__t0 === null)
    window.__t0 = performance.now(); }, {capture: true, once: true});
  const has = () => { const b = t.buffer.active;
    for (let i = 0; i < t.rows; i++) { const l = b.getLine(i);
      if (l && l.translateToString(true).includes(target)) return true; } return false; };
  const look = () => { if (has()) { window.__t1 = performance.now(); }
    else { requestAnimationFrame(look); } };
  requestAnimationFrame(look);
}"""
"""Times a key in the page itself: from the keydown (a real, trusted key from Playwright)
to the first animation frame whose terminal shows the new iteration."""


def measure(students: int, keys: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    with server("--scenario", "neuron") as (proc, url), sync_playwright() as pw:
        browser = launch(pw)
        loads, pages = [], []
        for _ in range(students):
            start = time.perf_counter()
            page = open_page(browser, url, 1280, 800)
            wait_for_text(page, "0.88080", 120_000)
            loads.append(time.perf_counter() - start)
            page.locator(".xterm-helper-textarea").focus()
            pages.append(page)
        apps = children(proc.pid)
        memory = statistics.mean(rss_kib(p) for p in apps) / 1024
        delays: list[float] = []
        for n in range(1, keys + 1):
            for page in pages:
                page.evaluate(WATCH_JS, n)
            for page in pages:  # all students press at (nearly) the same moment
                page.keyboard.press("Space")
            for page in pages:
                page.wait_for_function("() => window.__t1 !== null", timeout=60_000)
                delays.append(float(page.evaluate("() => window.__t1 - window.__t0")))
        browser.close()
    delays.sort()
    return {"students": students, "apps": len(apps), "rss_mib": memory,
            "load_median_s": statistics.median(loads), "load_max_s": max(loads),
            "key_median_ms": statistics.median(delays),
            "key_p95_ms": delays[int(0.95 * (len(delays) - 1))]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--students", default="1,5,10,20")
    parser.add_argument("--keys", type=int, default=10)
    args = parser.parse_args()
    print("students  apps  MiB/app  load median/max (s)  key-to-paint median/p95 (ms)")
    for n in (int(s) for s in args.students.split(",")):
        r = measure(n, args.keys)
        print(f"{n:8d}  {r['apps']:4d}  {r['rss_mib']:7.1f}  {r['load_median_s']:8.2f} / "
              f"{r['load_max_s']:5.2f}     {r['key_median_ms']:10.0f} / {r['key_p95_ms']:4.0f}",
              flush=True)


if __name__ == "__main__":
    main()
