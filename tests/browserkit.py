"""Small helpers shared by the browser tests."""

from __future__ import annotations

import time


def wait_until(check, timeout: float = 15.0, interval: float = 0.1):
    """Retry ``check`` until it stops raising AssertionError (then return its value) or time runs out."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return check()
        except AssertionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(interval)
