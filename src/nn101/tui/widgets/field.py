"""A one-line Input whose new text repaints the field and nothing else.

Textual's Input sets its virtual size to the text's width on every new value, and the
screen's layout then sets it back to the field's size; the size is a layout reactive, so
each new value re-lays out the whole screen (some 70 widgets, about 40 ms on a slow
machine, more than the rest of a step). The control form's field gets new text on every
key typed and every row it opens on, so here a new virtual size repaints the field only.
Nothing outside a field depends on how wide its text is: the field scrolls its own text
(`max_scroll_x` reads `virtual_size` when the cursor moves), and its height and width come
from the stylesheet and the form.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input


class Field(Input):
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
