"""The built site as GitHub Pages serves it, and the system Chromium – shared by tests and benchmarks.

``serve(parent)`` serves a folder whose sub-folder ``klimaschutz-verstetigen/`` holds the site
and yields the base URL of that sub-path; unknown addresses get the site's 404.html, as on
Pages. ``chromium_path()`` finds the machine's Chromium or Chrome (Debian's ``chromium`` here,
Google Chrome on GitHub's Ubuntu runners); ``CHROMIUM_ARGS`` launch it without any network
traffic of its own (no browser download). ``firefox_path()`` finds Debian's Firefox ESR for the
Firefox tests (tests/firefox). ``calc_worker(page)`` is the calculator's worker of a Playwright page.
``python3 localsite.py`` prints the Chromium path found, ``python3 localsite.py firefox`` the Firefox
path (for make).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SUBPATH = "klimaschutz-verstetigen"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


# Looked up on PATH after $CHROMIUM and Debian's /usr/bin/chromium, in this order. GitHub's Ubuntu
# runners have no Debian chromium but a preinstalled Google Chrome (/usr/bin/google-chrome).
BROWSER_COMMANDS = ("chromium", "google-chrome", "google-chrome-stable", "chromium-browser")


def chromium_path() -> str | None:
    """``$CHROMIUM``, Debian's ``/usr/bin/chromium``, then the first of ``BROWSER_COMMANDS`` on PATH,
    then ``$CHROME_BIN`` (set on GitHub's runners); None when none exists."""
    candidates = [os.environ.get("CHROMIUM"), "/usr/bin/chromium"]
    candidates += [shutil.which(command) for command in BROWSER_COMMANDS]
    candidates.append(os.environ.get("CHROME_BIN"))
    return next((c for c in candidates if c and Path(c).exists()), None)


# Looked up on PATH after $FIREFOX and Debian's /usr/bin/firefox-esr, in this order. Ubuntu's
# firefox is a snap wrapper that does not run in containers; a Firefox on PATH is taken as it is.
FIREFOX_COMMANDS = ("firefox-esr", "firefox")


def firefox_path() -> str | None:
    """``$FIREFOX``, Debian's ``/usr/bin/firefox-esr``, then the first of ``FIREFOX_COMMANDS`` on
    PATH; None when none exists (the Firefox tests are then skipped)."""
    candidates = [os.environ.get("FIREFOX"), "/usr/bin/firefox-esr"]
    candidates += [shutil.which(command) for command in FIREFOX_COMMANDS]
    return next((c for c in candidates if c and Path(c).exists()), None)


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files with the types GitHub Pages sends, and its 404 page (tests may subclass it)."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
    }

    def log_message(self, *args) -> None:  # keep test and benchmark output readable
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Unknown addresses get the site's 404.html with status 404, as GitHub Pages does."""
        page = Path(self.directory) / SUBPATH / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A browser that drops a connection (a page closed mid-download) is no server error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(parent: Path, handler_class: type[Handler] = Handler) -> Iterator[str]:
    """Serve ``parent`` on a free loopback port; yield the URL of the site's sub-path."""
    handler = functools.partial(handler_class, directory=str(parent))
    server = Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{SUBPATH}/"
    finally:
        server.shutdown()


def calc_worker(page):
    """The calculator's module worker of a Playwright page, or None: found by its address, since the
    theme's search worker may have started first."""
    return next((w for w in page.workers if w.url.split("?")[0].endswith("/calc-worker.mjs")), None)


if __name__ == "__main__":  # `python3 localsite.py [firefox]`: the browser path for the Makefile, or nothing
    sys.stdout.write((firefox_path() if sys.argv[1:] == ["firefox"] else chromium_path()) or "")
