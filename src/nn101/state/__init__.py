"""Between the engine and the screens: what a user works on, without a terminal.

The playground's and the learning screen's state, the one description of every editable
control, the factory that builds a circuit from a scenario or a formula, and the files a
session is saved to. The CLI and the app both stand on this package; the engine below it
knows nothing of it.
"""
