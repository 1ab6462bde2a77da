"""Login throttling with django-axes: who is locked out, and from which address.

After ``AXES_FAILURE_LIMIT`` wrong passwords for one account from one address (or from
one address for any accounts), further logins from there are refused for
``AXES_COOLOFF_TIME`` — the right password included — and the login page says so
(:func:`jiyao.accounts.views.locked_out`). Settings live in jiyao.web.settings.

:class:`LoginThrottle` is axes' standalone backend for web logins. An authentication
without a request (Django's test client ``login()``, a management command) has no address
to throttle by; axes would raise, so it is let through to the password check instead:
only HTTP requests can guess passwords at scale.

:func:`client_address` gives the address to count failures by. Behind reverse proxies
(``JIYAO_TRUSTED_PROXIES`` = how many), the client's address is the one the nearest
untrusted hop wrote into X-Forwarded-For; otherwise REMOTE_ADDR — never a header a
client can forge.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from axes.backends import AxesStandaloneBackend


class LoginThrottle(AxesStandaloneBackend):
    """axes' lockout check, for requests only (see the module docstring)."""

    def authenticate(self, request: Any, *args: Any, **kwargs: Any) -> None:
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)  # type: ignore[no-any-return]


def client_address(request: Any) -> str | None:
    """The client's IP address for counting failures (see the module docstring)."""
    from django.conf import settings

    trusted = int(getattr(settings, "JIYAO_TRUSTED_PROXIES", 0) or 0)
    remote = request.META.get("REMOTE_ADDR") or None
    if trusted <= 0:
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [h for h in hops if h]
    # Each trusted proxy appends the address it received the request from, so the entry
    # ``trusted`` places from the right is the one the outermost proxy saw: the client.
    # Entries further left came from the client itself and may be forged.
    if len(hops) >= trusted:
        return hops[-trusted]
    return remote


def cool_off_minutes() -> int:
    """The lockout period in whole minutes (rounded up), for messages."""
    from axes.helpers import get_cool_off

    period = get_cool_off() or dt.timedelta(0)
    return max(1, math.ceil(period.total_seconds() / 60))
