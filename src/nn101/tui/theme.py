"""The app's one colour system: theme variables, resolved once per theme change.

Every colour that carries meaning is a theme variable, so a theme can change it and the
.tcss can use it (`color: $wire-value;`). The defaults are the CS231n notes' colours:
values green, gradients red. `nn101-colour-blind` (Okabe and Ito's palette) replaces the
green/red pairs, which the commonest colour-vision deficiencies confuse, with blue/orange;
it is listed by the palette's "Theme" command like Textual's own themes.

Each theme's colours are one table of swatches, a colour and the word a legend uses for it;
the theme's variables and its legends are both read from that table, so they cannot drift
apart. Panes never keep a colour of their own: they ask `colours(self.app)`, which resolves
the running theme's swatches once per theme change (and per mode: with NO_COLOR Textual
draws every colour as the grey of its lightness, and legends then name shades, not hues).

Colour is never the only cue: values and gradients sit in fixed columns named by the pane's
legend, the map's classes are drawn as + and -, the picked point in reverse video, and the
map's two sides differ in lightness (blue dark, orange light), so they stay apart in greys.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal, NamedTuple
from weakref import WeakKeyDictionary

from textual.app import App
from textual.color import Color
from textual.theme import BUILTIN_THEMES, Theme
from textual.widget import Widget


class Swatch(NamedTuple):
    colour: str
    name: str
    """What a legend calls the colour when it is drawn in colour."""


CLASSES: dict[str, Swatch] = {
    # chapter 3's classes, Okabe and Ito's palette (safe for the commonest colour-vision
    # deficiencies: the same in every theme), in an order whose lightness alternates
    "class-0": Swatch("#0072b2", "blue"),
    "class-1": Swatch("#e69f00", "orange"),
    "class-2": Swatch("#009e73", "bluish green"),
    "class-3": Swatch("#cc79a7", "reddish purple"),
    "class-4": Swatch("#56b4e9", "sky blue"),
    "class-5": Swatch("#d55e00", "vermillion"),
    "class-6": Swatch("#f0e442", "yellow"),
    "class-7": Swatch("#999999", "grey"),
}

PLAYGROUND: dict[str, Swatch] = {
    "wire-value": Swatch("#3fb950", "green"),
    "wire-gradient": Swatch("#f85149", "red"),
    "wire-local": Swatch("#d29922", "yellow"),
    "wire-walk": Swatch("#3b3b1f", "olive"),
    "verdict-ok": Swatch("#3fb950", "green"),
    "verdict-fail": Swatch("#f85149", "red"),
    "plot-accuracy": Swatch("#3fb950", "green"),
    "plot-loss": Swatch("#f85149", "red"),
    "map-positive": Swatch("#1f5fd0", "dark blue"),
    "map-negative": Swatch("#f0a050", "light orange"),
    "map-neutral": Swatch("#606068", "grey"),
    "point-positive": Swatch("#cfe6ff", "pale blue"),
    "point-negative": Swatch("#fff0dc", "pale orange"),
    "point-picked": Swatch("#ffff66", "yellow"),
    **CLASSES,
}
"""The colours of every theme that does not set its own (Textual's built-in themes)."""

COLOUR_BLIND_SWATCHES: dict[str, Swatch] = {
    "wire-value": Swatch("#56b4e9", "sky blue"),
    "wire-gradient": Swatch("#e69f00", "orange"),
    "wire-local": Swatch("#cc79a7", "reddish purple"),
    "wire-walk": Swatch("#3b3b1f", "olive"),
    "verdict-ok": Swatch("#56b4e9", "sky blue"),
    "verdict-fail": Swatch("#e69f00", "orange"),
    "plot-accuracy": Swatch("#56b4e9", "sky blue"),
    "plot-loss": Swatch("#e69f00", "orange"),
    "map-positive": Swatch("#0060a0", "dark blue"),
    "map-negative": Swatch("#e69f00", "light orange"),
    "map-neutral": Swatch("#606068", "grey"),
    "point-positive": Swatch("#cfe6ff", "pale blue"),
    "point-negative": Swatch("#fff0dc", "pale orange"),
    "point-picked": Swatch("#f0e442", "yellow"),
    **CLASSES,
}


def _colours_of(swatches: Mapping[str, Swatch]) -> dict[str, str]:
    return {name: swatch.colour for name, swatch in swatches.items()}


DEFAULTS: dict[str, str] = _colours_of(PLAYGROUND)
"""Variable -> colour for every theme that does not set its own."""

COLOUR_BLIND = replace(
    BUILTIN_THEMES["textual-dark"],
    name="nn101-colour-blind",
    variables={**BUILTIN_THEMES["textual-dark"].variables,
               **_colours_of(COLOUR_BLIND_SWATCHES)},
)
THEMES: tuple[Theme, ...] = (COLOUR_BLIND,)
SWATCHES: dict[str, dict[str, Swatch]] = {COLOUR_BLIND.name: COLOUR_BLIND_SWATCHES}
"""Each of the app's themes' swatch table, by theme name (others: PLAYGROUND)."""

Mode = Literal["colour", "grey", "plain"]
"""How colours reach the screen: as they are; as greys (NO_COLOR: Textual's Monochrome
filter); not at all (NO_COLOR with an ANSI theme: Textual's NoColor filter)."""


def variables(theme_variables: dict[str, str]) -> dict[str, str]:
    """The app's variables as the running theme sets them (defaults for the rest)."""
    return {name: theme_variables.get(name, default) for name, default in DEFAULTS.items()}


def grey(colour: str) -> int:
    """The grey (0-255) Textual draws `colour` as under NO_COLOR."""
    return Color.parse(colour).monochrome.r


@dataclass(frozen=True, eq=False)
class Colours:
    """The running theme's colours as every pane reads them, and the legends' words."""

    theme: str
    mode: Mode
    variables: Mapping[str, str]
    """Variable -> colour, as the theme sets it (DEFAULTS for the rest)."""
    swatches: Mapping[str, Swatch]
    """The theme's table, for the legends' words."""

    @classmethod
    def of(cls, theme: Theme, mode: Mode = "colour") -> Colours:
        return cls(theme.name, mode, variables(theme.variables),
                   SWATCHES.get(theme.name, PLAYGROUND))

    def colour(self, variable: str) -> str:
        return self.variables[variable]

    def bold(self, variable: str) -> str:
        """A rich style: the variable's colour, bold (how numbers are drawn)."""
        return f"bold {self.colour(variable)}"

    @property
    def value(self) -> str:
        return self.bold("wire-value")

    @property
    def grad(self) -> str:
        return self.bold("wire-gradient")

    @property
    def local(self) -> str:
        return self.bold("wire-local")

    @property
    def ok(self) -> str:
        return self.bold("verdict-ok")

    @property
    def fail(self) -> str:
        return self.bold("verdict-fail")

    @property
    def walk(self) -> str:
        """The row of the gate the backward walk has just passed through."""
        return f"bold on {self.colour('wire-walk')}"

    def hue(self, variable: str) -> str | None:
        """The swatch's name when hues are drawn, None when they are not (NO_COLOR)."""
        return self.swatches[variable].name if self.mode == "colour" else None

    def sides(self, first: str, second: str) -> tuple[str, str] | None:
        """What a legend calls two colours drawn side by side: their names in colour, the
        darker and the lighter shade in greys ("dark shade", then "light" or "dark"), None
        when nothing of them is drawn."""
        if self.mode == "plain":
            return None
        if self.mode == "colour":
            return self.swatches[first].name, self.swatches[second].name
        if grey(self.colour(first)) <= grey(self.colour(second)):
            return "dark shade", "light"
        return "light shade", "dark"

    def map_legend(self) -> str:
        """The decision map's legend (markup of our own words only): the labels' glyphs,
        the picked point's reverse video, and the two sides as this mode draws them."""
        legend = "[b]+[/] +1  [b]-[/] -1  [b reverse]+[/] picked"
        sides = self.sides("map-positive", "map-negative")
        if sides is None:
            return legend + "  (the scores' shading needs colour)"
        return f"{legend}  {sides[0]}: score > 0, {sides[1]}: < 0"


_RESOLVED: WeakKeyDictionary[App[Any], Colours] = WeakKeyDictionary()


def mode_of(app: App[Any]) -> Mode:
    if not app.no_color:
        return "colour"
    return "plain" if app.native_ansi_color else "grey"


def colours(app: App[Any]) -> Colours:
    """`app`'s colours under its running theme: resolved when the theme (or the mode)
    changes, then the same object for every pane and every frame."""
    found = _RESOLVED.get(app)
    mode = mode_of(app)
    if found is None or found.theme != app.theme or found.mode != mode:
        found = _RESOLVED[app] = Colours.of(app.current_theme, mode)
    return found


def on_theme_change(widget: Widget, redraw: Callable[[], None]) -> None:
    """Call `redraw` when the app's theme changes, for a pane that builds its text from
    the colours (call it from the pane's on_mount)."""
    widget.app.theme_changed_signal.subscribe(widget, lambda _theme: redraw())


def install(app: App[Any], on_change: Callable[[], None]) -> None:
    """Offer the app's themes in the palette; `on_change` redraws what uses the colours."""
    for theme in THEMES:
        app.register_theme(theme)

    def changed(_current: Theme) -> None:
        # Borders whose titles name theme variables ($wire-value) are cached drawn: a
        # widget whose own style did not change is not repainted by Textual. A theme
        # change is rare: repaint everything.
        for screen in app.screen_stack:
            for widget in screen.walk_children(Widget, with_self=True):
                widget.refresh()
        on_change()

    app.theme_changed_signal.subscribe(app, changed)
