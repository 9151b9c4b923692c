"""The notebook drawing (nn101.state.svg) of the neuron, walked one gate, as a browser
draws it: screenshots/notebook-neuron.svg and, through headless Chromium, .png.

    .venv/bin/python scripts/notebook_screenshot.py [path/to/chromium]

Chromium (Debian's `chromium` package) is run as the browser test runs it:
--no-sandbox --headless --disable-gpu, with --screenshot of a page that holds only the SVG.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from nn101.notebook import Stepper

OUT = Path(__file__).resolve().parent.parent / "screenshots"


def main(argv: list[str]) -> int:
    browser = argv[1] if len(argv) > 1 else shutil.which("chromium")
    stepper = Stepper("neuron")
    stepper.walk()
    svg = stepper.drawing().svg
    assert svg is not None
    (OUT / "notebook-neuron.svg").write_text(svg, encoding="utf-8")
    if browser is None:
        print("no chromium: wrote the SVG only", file=sys.stderr)
        return 0
    size = re.search(r'width="([0-9.]+)" height="([0-9.]+)"', svg)
    assert size is not None
    width, height = (int(float(v)) + 1 for v in size.groups())
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "page.html"
        page.write_text(f'<!doctype html><body style="margin:0">{svg}</body>', encoding="utf-8")
        subprocess.run([browser, "--no-sandbox", "--headless", "--disable-gpu",
                        "--hide-scrollbars", f"--window-size={width},{height}",
                        f"--screenshot={OUT / 'notebook-neuron.png'}", page.as_uri()],
                       check=True, capture_output=True, timeout=120)
    print(f"wrote {OUT / 'notebook-neuron.svg'} and .png ({width}x{height})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
