"""The help of the learning screen, whose keys Textual names in words (`comma`,
`full_stop`, `less_than_sign`): shown as typed (`,` `.` `<` `>`).

Plain `def` test (the snapshot plugin runs its own event loop). Regenerate after a
deliberate change with `--snapshot-update`, then look at the SVG.
"""

from __future__ import annotations

from typing import Any

from nn101.state.learning import Learning
from nn101.tui.app import PlaygroundApp


def test_learning_screen_help(snap_compare: Any) -> None:
    app = PlaygroundApp(learning=Learning("svm", {}), cursor_blink=False)
    assert snap_compare(app, terminal_size=(120, 40), press=["wait:300", "question_mark",
                                                             "wait:300"])
