"""The app's own theme variables, and a colour-blind-safe theme.

Every colour that carries meaning is a theme variable, so a theme can change it and the
.tcss can use it (`color: $wire-value;`). The defaults are the CS231n notes' colours:
values green, gradients red. `nn101-colour-blind` (Okabe and Ito's palette) replaces the
green/red pair, which the commonest colour-vision deficiencies confuse, with blue/orange;
it is listed by the palette's "Theme" command like Textual's own themes.

Colour is never the only cue: values and gradients sit in fixed columns named by the pane's
legend, the map's classes are drawn as + and -, the picked point in reverse video, and the
map's two sides differ in lightness (blue dark, orange light), so they stay apart with
NO_COLOR (Textual then draws in greys of the same lightness).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from textual.app import App
from textual.theme import BUILTIN_THEMES, Theme
from textual.widget import Widget

DEFAULTS: dict[str, str] = {
    "wire-value": "#3fb950",
    "wire-gradient": "#f85149",
    "wire-local": "#d29922",
    "map-positive": "#1f5fd0",
    "map-negative": "#f0a050",
    "map-neutral": "#606068",
    "point-positive": "#cfe6ff",
    "point-negative": "#fff0dc",
    "point-picked": "#ffff66",
    # chapter 3's classes, Okabe and Ito's palette (safe for the commonest colour-vision
    # deficiencies in every theme), in an order whose lightness alternates
    "class-0": "#0072b2",  # blue, dark
    "class-1": "#e69f00",  # orange, light
    "class-2": "#009e73",  # bluish green, middle
    "class-3": "#cc79a7",  # reddish purple
    "class-4": "#56b4e9",  # sky blue
    "class-5": "#d55e00",  # vermillion
    "class-6": "#f0e442",  # yellow
    "class-7": "#999999",  # grey
}
"""Variable -> colour for every theme that does not set its own."""

COLOUR_BLIND = replace(
    BUILTIN_THEMES["textual-dark"],
    name="nn101-colour-blind",
    variables={
        **BUILTIN_THEMES["textual-dark"].variables,
        "wire-value": "#56b4e9",  # Okabe-Ito sky blue
        "wire-gradient": "#e69f00",  # orange
        "wire-local": "#cc79a7",  # reddish purple
        "map-positive": "#0060a0",  # blue, dark
        "map-negative": "#e69f00",  # orange, light
        "map-neutral": "#606068",
        "point-positive": "#cfe6ff",
        "point-negative": "#fff0dc",
        "point-picked": "#f0e442",  # yellow
    },
)
THEMES: tuple[Theme, ...] = (COLOUR_BLIND,)


def variables(theme_variables: dict[str, str]) -> dict[str, str]:
    """The app's variables as the running theme sets them (defaults for the rest)."""
    return {name: theme_variables.get(name, default) for name, default in DEFAULTS.items()}


def install(app: App[Any], on_change: Callable[[], None]) -> None:
    """Offer the app's themes in the palette and keep nn101.tui.display's colours those of
    the running theme; `on_change` redraws what uses them."""
    from nn101.tui import display

    for theme in THEMES:
        app.register_theme(theme)

    def changed(current: Theme) -> None:
        display.use_theme(current.variables)
        # Borders whose titles name theme variables ($wire-value) are cached drawn: a
        # widget whose own style did not change is not repainted by Textual. A theme
        # change is rare: repaint everything.
        for screen in app.screen_stack:
            for widget in screen.walk_children(Widget, with_self=True):
                widget.refresh()
        on_change()

    app.theme_changed_signal.subscribe(app, changed)
    display.use_theme(app.current_theme.variables)
