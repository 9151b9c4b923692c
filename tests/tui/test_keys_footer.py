"""The footer's keys are compact exactly when the footer is (under 120 columns), whether
the terminal started that size or was resized to it: keys are made with the footer's
compactness (widgets/keys_footer.py) and then follow it."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from nn101.tui.app import PlaygroundApp
from nn101.tui.widgets.keys_footer import KeysFooter


def compactness(app: PlaygroundApp) -> set[tuple[bool, bool]]:
    """(compact, has the -compact class) of every bound key (the palette key is Textual's
    own: always compact)."""
    return {(key.compact, key.has_class("-compact"))
            for key in app.screen.query_one(KeysFooter).query(FooterKey)
            if not key.has_class("-command-palette")}


async def test_keys_follow_the_footer_at_start_and_after_a_resize() -> None:
    app = PlaygroundApp(cursor_blink=False)
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one(KeysFooter).compact
        assert compactness(app) == {(False, False)}
        await pilot.resize_terminal(100, 40)
        for _ in range(3):
            await pilot.pause()
        assert app.screen.query_one(KeysFooter).compact
        assert compactness(app) == {(True, True)}


async def test_keys_are_compact_on_a_narrow_start() -> None:
    app = PlaygroundApp(cursor_blink=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert compactness(app) == {(True, True)}
