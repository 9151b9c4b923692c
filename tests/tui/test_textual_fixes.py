"""Each work-around in nn101.tui.textual_fixes, replayed: each test crashes the app (it
exits with a traceback) when its work-around is taken out, and passes with it.

The bursts are posted without waiting, as a student holding keys down sends them; the app
drains between bursts (see test_fuzz.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandPalette

from nn101.tui import textual_fixes
from tests.tui.test_fuzz import FuzzApp, drain, post

SIZE = (120, 36)


async def _survives(folder: Path, bursts: list[list[str | tuple[int, int]]]) -> None:
    app = FuzzApp(folder, "neuron")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for burst in bursts:
            for action in burst:
                post(app, "key" if isinstance(action, str) else "click", action)
            await drain(pilot)
        await pilot.pause()
        assert app.return_code is None and app.is_running


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


async def test_1_paging_the_palette_before_its_layout(folder: Path) -> None:
    await _survives(folder, [["ctrl+p", "down", "pageup"], ["escape"],
                             ["ctrl+p", "down", "pagedown"]])


async def test_3_clicking_the_palette_away_twice(folder: Path) -> None:
    await _survives(folder, [["ctrl+p"], [(37, 10), (69, 4)]])


async def test_4_a_search_started_for_a_closed_palette(folder: Path) -> None:
    # What a key still queued for the palette's field does once the palette has closed:
    # it starts a search, whose worker cannot find the palette's list (NoMatches).
    app = FuzzApp(folder, "neuron")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.action_command_palette()
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        palette.dismiss()
        await pilot.pause()
        palette._gather_commands("sc")
        await pilot.pause(0.3)
        assert app.return_code is None and app.is_running


async def test_6_a_page_key_for_a_closed_palette(folder: Path) -> None:
    # What a pagedown still queued for the palette does once it has closed (its list is
    # removed): NoMatches, and the app exited (the short fuzz run, seed 20261127).
    app = FuzzApp(folder, "neuron")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.action_command_palette()
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        palette.dismiss()
        await pilot.pause()
        palette._action_command_list("page_down")
        await pilot.pause(0.1)
        assert app.return_code is None and app.is_running


async def test_5_ctrl_p_while_the_last_palette_is_removed(folder: Path) -> None:
    app = FuzzApp(folder, "neuron")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.action_command_palette()
        await pilot.pause()
        app.screen.dismiss()
        app.action_command_palette()  # the old one is not gone yet: DuplicateIds before
        await pilot.pause(0.3)
        assert app.return_code is None and app.is_running


def test_another_textual_gets_a_warning_naming_the_pinned_version() -> None:
    assert textual_fixes.version_problem(textual_fixes.PINNED) == ""
    warning = textual_fixes.version_problem("9.0.0")
    assert "Textual 9.0.0" in warning and f"textual=={textual_fixes.PINNED}" in warning
    assert "\n" not in warning


def test_the_installed_version_is_the_one_importlib_metadata_reads(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib.metadata import version

    import textual

    assert textual_fixes.installed_version() == version("textual")
    # two install records beside the package (a stale one left behind): not guessed
    fake = tmp_path / "textual" / "__init__.py"
    fake.parent.mkdir()
    fake.touch()
    (tmp_path / "textual-9.1.0.dist-info").mkdir()
    (tmp_path / "textual_plotext-1.0.1.dist-info").mkdir()  # another package's
    monkeypatch.setattr(textual, "__file__", str(fake))
    assert textual_fixes.installed_version() == "9.1.0"
    (tmp_path / "textual-1.0.0.dist-info").mkdir()
    assert textual_fixes.installed_version() == version("textual")


def test_the_patches_sit_on_the_classes_where_the_bugs_bite() -> None:
    from textual.command import CommandList, CommandPalette
    from textual.screen import Screen
    from textual.widgets import OptionList

    textual_fixes.apply()
    assert "_move_page" in vars(CommandList) and "_on_click" in vars(CommandList)
    assert "dismiss" in vars(CommandPalette)
    # the bases every widget and screen share keep Textual's own methods
    assert OptionList._move_page.__module__ == "textual.widgets._option_list"
    assert Screen.dismiss.__module__ == "textual.screen"


async def test_5_backspaces_then_a_digit_in_one_burst(folder: Path) -> None:
    """The learning field's burst (tmux send-keys BSpace×5 9): the 9 was typed before the
    backspaces ran (they are bindings, run once the key reaches the App), so they deleted
    it and the field was left empty. With the fix each key acts as it arrives."""
    from textual.app import App, ComposeResult
    from textual.widgets import Input

    class OneField(App[None]):
        def compose(self) -> ComposeResult:
            yield Input("0.01", select_on_focus=False)

    textual_fixes.apply()
    app = OneField()
    async with app.run_test() as pilot:
        await pilot.pause()
        field = app.query_one(Input)
        field.focus()
        await pilot.pause()
        field.cursor_position = len(field.value)
        for key in ["backspace"] * 5 + ["9", "left", "1"]:
            post(app, "key", key)  # type: ignore[arg-type]
        await drain(pilot)  # type: ignore[arg-type]
        await pilot.pause()
        # 0.01 emptied by the 5 backspaces (4 characters: the 5th does nothing), then 9,
        # the cursor before it, then 1
        assert field.value == "19"
    assert "_on_key" in vars(Input)
