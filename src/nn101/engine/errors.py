"""The engine's own error types.

Everything the engine refuses is one of these, so the CLI and the app can catch one base
class and show its message instead of a traceback.
"""


class EngineError(ValueError):
    """Base of every error the engine raises on purpose; its message is for the user."""


class ExpressionError(EngineError):
    """An expression that the parser refuses: bad syntax, a forbidden construct, too big."""


class InputError(EngineError):
    """A value or name given for an input that cannot be used (unknown, not a finite number)."""


class DomainError(EngineError):
    """A gate asked to compute outside its domain: division by zero, log of a non-positive."""
