"""Who may open an app from `serve`: a token, as Jupyter does it (issue 25).

On this machine only (loopback, or a Unix socket), no token is needed unless one is given.
Beyond loopback a token is required: one is made up when none is given and printed in the
address the server prints (`…/?token=…`), so the teacher hands out that address or writes
the token on the board (the page asks for it when it is missing). A tab that showed the
token once gets a cookie holding a digest of it, scoped by the browser to the page's own
path (so a reverse proxy's prefix scopes it too), sent back with the terminal's websocket.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from nn101.engine.errors import InputError

LOOPBACK = ("127.0.0.1", "localhost", "::1")
MIN_TOKEN = 8
"""Characters a token must have: fewer are guessed by anyone on the network."""
MAX_TOKEN = 256


def is_loopback(host: str) -> bool:
    return host in LOOPBACK or host.startswith("127.")


@dataclass(frozen=True)
class Access:
    """The token in force (None: anyone who reaches the server may open an app)."""

    token: str | None
    cookie: str = "nn101-token"

    @classmethod
    def decide(cls, host: str | None, token: str | None, port: int | None) -> Access:
        """The access for a server on `host` (None: a Unix socket) with `--token` or not."""
        name = f"nn101-token-{port}" if port else "nn101-token"
        if token is not None:
            if not MIN_TOKEN <= len(token) <= MAX_TOKEN or not token.isprintable() \
                    or any(c.isspace() for c in token):
                raise InputError(f"--token must be {MIN_TOKEN} to {MAX_TOKEN} characters "
                                 "without spaces")
            return cls(token, name)
        if host is None or is_loopback(host):
            return cls(None, name)
        return cls(secrets.token_urlsafe(18), name)

    def digest(self) -> str:
        """What the cookie holds: not the token itself."""
        assert self.token is not None
        return hashlib.sha256(b"nn101-tui serve:" + self.token.encode()).hexdigest()

    def allows(self, query_token: str | None, cookie: str | None) -> bool:
        """Whether a request showing this token (in its query) or cookie may go on."""
        if self.token is None:
            return True
        if query_token is not None and hmac.compare_digest(
                query_token.encode("utf-8", "replace"), self.token.encode()):
            return True
        return cookie is not None and hmac.compare_digest(
            cookie.encode("utf-8", "replace"), self.digest().encode())
