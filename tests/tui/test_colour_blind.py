"""One colour system: the colour-blind theme reaches every pane (the drawing included) and
NO_COLOR's legends name what is drawn; meaning is never carried by colour alone (the
map's classes are + and -, the picked point is in reverse video, the two sides of the map
differ in lightness, so NO_COLOR's greys keep them apart).

Colours are checked as drawn: the styles of the segments a pane renders, against the
colours the theme's variables give."""

from __future__ import annotations

import re

import pytest
from rich.color import Color as RichColor
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import monochrome_style
from textual.theme import BUILTIN_THEMES

from nn101.state.drawing import Tag
from nn101.tui.app import PlaygroundApp
from nn101.tui.screens.help import colour_note
from nn101.tui.screens.learning import LearningScreen
from nn101.tui.theme import (
    CLASSES,
    COLOUR_BLIND,
    COLOUR_BLIND_SWATCHES,
    DEFAULTS,
    PLAYGROUND,
    Colours,
)
from nn101.tui.widgets.circuit_drawing import CircuitDrawing
from nn101.tui.widgets.circuit_view import CircuitView
from nn101.tui.widgets.decision_map import (
    LEVELS,
    DecisionMap,
    Palette,
    level_rgb,
    pixel_style,
)
from tests.tui.helpers import pane_text

CB = COLOUR_BLIND.variables
HUES = {word for table in (PLAYGROUND, COLOUR_BLIND_SWATCHES) for swatch in table.values()
        for word in swatch.name.split() if word not in ("dark", "light", "pale")}
"""Every hue word a legend could use (the swatches' names without their lightness)."""
TEXTUAL_DARK = BUILTIN_THEMES["textual-dark"]


def hexes(segments: list[Segment]) -> set[str]:
    """The foreground colours of the segments that show something, as #rrggbb."""
    return {s.style.color.triplet.hex for s in segments
            if s.text.strip() and s.style is not None and s.style.color is not None
            and s.style.color.triplet is not None}


def colour_of(segment: Segment) -> str | None:
    style = segment.style
    if style is None or style.color is None or style.color.triplet is None:
        return None
    return style.color.triplet.hex


async def test_the_colour_blind_theme_reaches_tree_drawing_and_legend() -> None:
    """The drawing kept Textual's success/error colours (green/pink) under the colour-blind
    theme while the tree and the legend turned blue/orange: every value and gradient
    segment of both, and the legend's words, are checked against the theme's variables."""
    app = PlaygroundApp(scenario="two-gates", cursor_blink=False)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"theme", "enter")
        await pilot.pause()
        await pilot.press(*"colour-blind", "enter")
        await pilot.pause()
        assert app.theme == "nn101-colour-blind"
        await pilot.press("b")  # one gate walked: values, gradients, local gradients
        await pilot.pause()
        # the drawing (shown at this size, where it fits): every value and gradient cell
        drawing = app.screen.query_one(CircuitDrawing)
        assert drawing.drawing is not None
        drawn = {Tag.VALUE: set(), Tag.GRAD: set()}
        for y in range(drawing.drawing.height):
            runs = [run for run in drawing.drawing.runs(y)]
            strip = drawing.render_line(y)
            segments = list(strip)[:len(runs)]  # crop_extend only pads at the end
            for (text, tag), segment in zip(runs, segments, strict=True):
                assert segment.text == text
                if tag in drawn and text.strip():
                    drawn[tag].add(colour_of(segment))
        assert drawn[Tag.VALUE] == {CB["wire-value"]}
        assert drawn[Tag.GRAD] == {CB["wire-gradient"]}
        # the tree (d): the value, grad and local columns, cell by cell
        await pilot.press("d")
        await pilot.pause()
        tree = app.screen.query_one(CircuitView)
        assert tree.content is not None and tree.display
        widths = tree.content.widths(tree.size.width)
        starts = [sum(widths[:i]) + i for i in range(len(widths))]
        seen = {2: set(), 3: set(), 4: set()}
        for y, row in enumerate(tree.content.rows[1:], start=1):  # under the header
            strip = tree.render_line(y)
            for column in seen:
                if column < len(row.cells) and row.cells[column].plain.strip():
                    cell = strip.crop(starts[column], starts[column] + widths[column])
                    seen[column] |= hexes(list(cell))
        assert seen == {2: {CB["wire-value"]}, 3: {CB["wire-gradient"]},
                        4: {CB["wire-local"]}}
        # the circuit pane's legend, as the screen is composed
        legend = [s for strip in app.screen._compositor.render_strips() for s in strip
                  if s.text.strip() in ("value", "gradient", "local gradient")]
        assert {(s.text.strip(), colour_of(s)) for s in legend} >= {
            ("value", CB["wire-value"]), ("gradient", CB["wire-gradient"]),
            ("local gradient", CB["wire-local"])}
        # and nowhere on the screen a default colour that carries meaning, nor the
        # success/error colours the drawing used to take
        everywhere = hexes([s for strip in app.screen._compositor.render_strips()
                            for s in strip])
        old = {DEFAULTS["wire-value"], DEFAULTS["wire-gradient"], DEFAULTS["wire-local"]}
        old |= {Color.parse(app.theme_variables[name]).hex.lower()
                for name in ("text-success", "text-error")}
        assert not everywhere & old


async def test_every_pane_of_the_circuit_screen_draws_in_the_colour_blind_theme() -> None:
    """The gates table, the equations, the walk banner, the sums under the circuit, the
    check, the methods compared and the progress line: each one's value/gradient colours,
    as composed on the screen, are the theme's."""
    app = PlaygroundApp(expression="x*y + x", cursor_blink=False)
    meaning = {CB["wire-value"], CB["wire-gradient"], CB["wire-local"]}

    def check(*selectors: str) -> None:
        screen = app.screen
        composed = screen._compositor.render_strips()
        for selector in selectors:
            region = screen.query_one(selector).region
            assert region.area, selector
            drawn = hexes([s for y in range(region.y, region.bottom)
                           for s in composed[y].crop(region.x, region.right)])
            assert drawn & meaning, selector  # the pane shows values or gradients ...
            # ... none in the default theme's colours (the class colours are every theme's)
            assert not drawn & (set(DEFAULTS.values()) - set(_colours(CLASSES))), selector

    async with app.run_test(size=(160, 50)) as pilot:
        app.theme = COLOUR_BLIND.name
        await pilot.pause()
        await pilot.press("space", "c")  # a step, the gradient check
        await pilot.press("b", "b")  # the walk: its banner, the sums of the shared x
        await pilot.pause(0.3)
        check("#gates", "#walk", "#sums", "#check", "#compare", "#progress-stats")
        await pilot.press("g")  # the equations, in the gates table's place
        await pilot.pause(0.3)
        check("#equations-text")


def test_map_legend_names_what_each_mode_draws() -> None:
    """In colour the hues, in greys the shades (the darker side named dark), without any
    colour only the glyphs."""
    assert Colours.of(TEXTUAL_DARK).map_legend().endswith(
        "dark blue: score > 0, light orange: < 0")
    assert Colours.of(COLOUR_BLIND).map_legend().endswith(
        "dark blue: score > 0, light orange: < 0")
    for theme in (TEXTUAL_DARK, COLOUR_BLIND):
        legend = Colours.of(theme, "grey").map_legend()
        assert legend.endswith("dark shade: score > 0, light: < 0")
        # and it is so: the positive side's grey (as Textual's filter draws it) is darker
        palette = Palette.of(dict(Colours.of(theme).variables))
        positive = monochrome_style(pixel_style(LEVELS, LEVELS, palette)).color
        negative = monochrome_style(pixel_style(-LEVELS, -LEVELS, palette)).color
        assert isinstance(positive, RichColor) and isinstance(negative, RichColor)
        assert positive.triplet is not None and negative.triplet is not None
        assert positive.triplet.red < negative.triplet.red
    plain = Colours.of(TEXTUAL_DARK, "plain").map_legend()
    assert "score >" not in plain and "+1" in plain


@pytest.mark.parametrize("mode", ["grey", "plain"])
def test_no_legend_names_a_hue_without_colour(mode: str) -> None:
    for theme in (TEXTUAL_DARK, COLOUR_BLIND):
        colours = Colours.of(theme, mode)  # type: ignore[arg-type]
        for legend in (colours.map_legend(), colour_note(colours).plain):
            assert not HUES & set(re.findall(r"[a-z]+", legend)), legend


def test_the_help_names_the_hues_it_draws() -> None:
    """Drawn in colour, the help's note names each wire colour as the theme's table does,
    and what the other theme would draw."""
    note = colour_note(Colours.of(TEXTUAL_DARK)).plain
    assert "value like this (green)" in note and "gradient like this (red)" in note
    assert "nn101-colour-blind draws values sky blue, gradients orange" in note
    note = colour_note(Colours.of(COLOUR_BLIND)).plain
    assert "value like this (sky blue)" in note and "gradient like this (orange)" in note


async def test_no_color_learning_legend_names_shades_not_hues(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """With NO_COLOR the map is drawn in greys: its legend said "dark blue ... light
    orange"; now it names the shades."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = PlaygroundApp(cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        app.open_learning("net")
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        assert app.return_code is None  # it crashed once (a segment with no style)
        legend = str(app.screen.query_one(DecisionMap).border_subtitle)
        assert "dark shade: score > 0, light: < 0" in legend
        assert not HUES & set(re.findall(r"[a-z]+", legend))
        await pilot.press("question_mark")
        await pilot.pause()
        shown = pane_text(app.screen, "#help-box Static")  # type: ignore[arg-type]
        assert "NO_COLOR is set" in shown
        assert not HUES & set(re.findall(r"[a-z]+", shown.split("NO_COLOR")[0]))


@pytest.mark.parametrize("variables", [DEFAULTS, COLOUR_BLIND.variables])
def test_the_two_sides_differ_in_grey(variables: dict[str, str]) -> None:
    palette = Palette.of(variables)

    def grey(level: int) -> float:
        return Color(*level_rgb(level, palette)).monochrome.r

    assert grey(-LEVELS) - grey(LEVELS) > 60  # orange light, blue dark, far from the edge
    assert grey(-1) - grey(1) > 10  # and a visible step at the boundary itself


async def test_the_learning_screen_follows_a_theme_change() -> None:
    """The map's pixels are the theme's map colours, before and after a switch, and its
    legend follows; the parameters and the last step (drawn before the switch) are drawn
    again in the new theme's value colour."""
    app = PlaygroundApp(cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        app.open_learning("svm")
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        decision_map = app.screen.query_one(DecisionMap)
        for theme in ("textual-dark", COLOUR_BLIND.name):
            app.theme = theme
            await pilot.pause()
            palette = Palette.of(dict(Colours.of(app.current_theme).variables))
            expected = {pixel_style(level, level, palette).color for level in
                        range(-LEVELS, LEVELS + 1)}
            drawn = {s.style.color for strip in decision_map._strips for s in strip
                     if s.text.startswith("▀") and s.style is not None}
            assert drawn and drawn <= expected, theme
            composed = app.screen._compositor.render_strips()
            for selector in ("#learn-params", "#learn-step"):
                region = app.screen.query_one(selector).region
                shown = hexes([s for y in range(region.y, region.bottom)
                               for s in composed[y].crop(region.x, region.right)])
                value = Colours.of(app.current_theme).colour("wire-value")
                assert value in shown, (theme, selector)
                assert not shown & {DEFAULTS["wire-value"], CB["wire-value"]} - {value}
        assert "dark blue: score > 0" in str(decision_map.border_subtitle)


async def test_points_are_drawn_as_their_labels_and_the_picked_one_reversed() -> None:
    app = PlaygroundApp(cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        app.open_learning("svm")
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LearningScreen)
        segments = [s for strip in screen.query_one(DecisionMap)._strips for s in strip]
    marks = [(s.text, bool(s.style and s.style.reverse)) for s in segments
             if s.text in ("+", "-")]
    assert sorted(text for text, _ in marks) == ["+", "+", "+", "-", "-", "-"]  # 6 points
    assert sum(reversed_ for _, reversed_ in marks) == 1  # the picked one


def test_style_is_the_theme_variable() -> None:
    """What a pane draws a value with is the running theme's variable, bold."""
    assert Style.parse(Colours.of(COLOUR_BLIND).value) == Style(
        bold=True, color=CB["wire-value"])


def _colours(swatches: dict[str, object]) -> list[str]:
    return [getattr(s, "colour") for s in swatches.values()]  # noqa: B009
