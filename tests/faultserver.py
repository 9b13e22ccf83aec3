"""The built site from a server that breaks off, stalls or slows one file mid-download – what request
interception (Playwright routes, puppeteer's ``intercept``) cannot do. Shared by the Chromium tests
(tests/browser/test_faults.py) and the Firefox tests (tests/firefox/test_firefox_faults.py).

``serve(parent)`` serves the site as ``localsite.serve`` does and yields a ``FaultServer``: its
``url`` and ``arm(faults)``, which sets what happens to the files from then on and returns the
``FaultClock`` that notes when the fault began. A fault applies to every request whose path contains
the key:

- ``Fault("drop", after)``: ``after`` bytes, then the connection closes before Content-Length bytes
  were sent;
- ``Fault("stall", after)``: ``after`` bytes, then nothing more on an open connection (until the
  server stops, at most 60 s);
- ``Fault("slow", seconds=s)``: the whole file in ``SLOW_STEPS`` equal pieces spread over about
  ``s`` seconds (a slow link; the clock notes the first piece).

Each server has its own handler class, so two test modules with a server each never share faults.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import localsite

SLOW_STEPS = 100
STALL_LIMIT_S = 60.0


class Fault(NamedTuple):
    kind: str  # "drop" | "stall" | "slow"
    after: int = 0  # bytes sent before a drop or stall
    seconds: float = 0.0  # how long a slow file takes in all


class FaultClock:
    """When the fault happened (a route or the server answered wrongly); None until then."""

    def __init__(self):
        self.at: float | None = None  # time.monotonic()

    def hit(self) -> None:
        if self.at is None:
            self.at = time.monotonic()


class FaultyHandler(localsite.Handler):
    """localsite's handler, with the faults of its server (class attributes of a subclass per server)."""

    faults: dict[str, Fault] = {}
    release = threading.Event()
    clock = FaultClock()

    def copyfile(self, source, outputfile):
        path = self.path.split("?")[0]
        fault = next((Fault(*f) for part, f in self.faults.items() if part in path), None)
        if fault is None:
            super().copyfile(source, outputfile)
            return
        self.clock.hit()
        if fault.kind == "slow":
            size = os.fstat(source.fileno()).st_size
            piece = max(1, -(-size // SLOW_STEPS))
            pause = fault.seconds / SLOW_STEPS
            while data := source.read(piece):
                outputfile.write(data)
                outputfile.flush()
                self.release.wait(pause)  # set when the server stops: the rest at once
            return
        outputfile.write(source.read(fault.after))
        outputfile.flush()
        if fault.kind == "stall":
            self.release.wait(STALL_LIMIT_S)  # the connection stays open, nothing more arrives
        self.close_connection = True  # closed before Content-Length bytes were sent


class FaultServer:
    def __init__(self, url: str, handler: type[FaultyHandler]):
        self.url = url
        self._handler = handler

    def arm(self, faults: dict[str, Fault | tuple]) -> FaultClock:
        """From now on: ``faults`` (path part -> fault); returns the new clock of the first fault."""
        self._handler.faults = {part: Fault(*fault) for part, fault in faults.items()}
        self._handler.clock = clock = FaultClock()
        return clock


@contextmanager
def serve(parent: Path) -> Iterator[FaultServer]:
    """Serve ``parent`` (the folder above the site's sub-path) with faults to arm."""
    handler = type("Handler", (FaultyHandler,), {"faults": {}, "release": threading.Event(), "clock": FaultClock()})
    try:
        with localsite.serve(parent, handler) as url:
            yield FaultServer(url, handler)
    finally:
        handler.release.set()  # stalled or slow answers end, their threads with them
