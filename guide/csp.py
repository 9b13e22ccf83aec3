"""Content-Security-Policy as a <meta> element (GitHub Pages sends no custom headers).

Scripts may come only from the site itself plus the exact inline scripts of the page (by hash);
``'wasm-unsafe-eval'`` lets Pyodide compile WebAssembly. Styles and images only from the site;
images also as data: URIs, which the theme uses for its icons.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}


def inline_script_hashes(html: str) -> list[str]:
    """'sha256-…' for every inline script the browser would execute, in page order, no repeats."""
    hashes: list[str] = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs")
        kind = _TYPE.search(attrs)
        if _SRC.search(attrs) or (kind and kind.group(1).lower() not in _EXECUTABLE_TYPES):
            continue
        digest = base64.b64encode(hashlib.sha256(match.group("body").encode("utf-8")).digest()).decode()
        if f"'sha256-{digest}'" not in hashes:
            hashes.append(f"'sha256-{digest}'")
    return hashes


def policy(html: str) -> str:
    scripts = " ".join(["'self'", "'wasm-unsafe-eval'", *inline_script_hashes(html)])
    return (
        f"default-src 'self'; script-src {scripts}; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; "
        "form-action 'self'"
    )


def add_csp(html: str) -> str:
    """Insert the policy as the first element of <head>, so it covers everything after it."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    head = re.search(r"<head[^>]*>", html, re.IGNORECASE)
    if head is None:
        raise ValueError("Seite ohne <head>: Content-Security-Policy kann nicht eingefügt werden")
    return html[: head.end()] + meta + html[head.end() :]
