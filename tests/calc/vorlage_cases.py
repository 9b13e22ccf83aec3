"""Inputs whose council paper draft must have the same bytes from the command line (CPython) and from
the package in Pyodide. tests/pyodide/run-pytest.mjs runs ``python -m calc vorlage --format …`` for
each on CPython and hands the SHA-256 of the bytes to the tests inside Pyodide
(test_vorlage.py::test_cli_bytes_equal_session_bytes); on CPython that test runs the command itself."""

LANDKREIS = {
    "model": "V7a",
    "inhabitants": 250_000,
    "municipalities": 40,
    "funding": "anschluss",
    "funding_years_done": 1,
    "kommune": 'Landkreis <Muster> & "Söhne"',
}
COMPARISON = {
    "models": ["V8", "V7", "V9"],
    "inhabitants": 80_000,
    "funding": "erst+anschluss",
    "gremium": "Stadtrat",
}

# case id -> (format, input of the vorlage command without "format")
CASES = {
    "landkreis-odt": ("odt", LANDKREIS),
    "landkreis-docx": ("docx", LANDKREIS),
    "vergleich-odt": ("odt", COMPARISON),
    "vergleich-docx": ("docx", COMPARISON),
}
