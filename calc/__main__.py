"""Command line: ``echo '{"model": "V8", "inhabitants": 80000}' | python -m calc estimate``.

Reads JSON on stdin and prints the JSON result; on bad input exits 2 and prints
``{"error": {"field": ..., "message": ...}}``. ``vorlage --format odt|docx`` writes the document's
bytes instead (``--format`` takes the place of the input's ``format``). Parameters are loaded from content/ (through the
project's content loader) or from ``--params FILE`` (JSON as written by the build).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from calc.api import COMMANDS, Session, parse_input
from calc.errors import InputError


def _parameters(args: argparse.Namespace) -> dict:
    if args.params:
        return json.loads(Path(args.params).read_text(encoding="utf-8"))
    from guide.export import calc_parameters
    from guide.loader import load_content

    return calc_parameters(load_content(Path(args.content)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m calc", description=__doc__)
    parser.add_argument("command", choices=COMMANDS)
    parser.add_argument("--params", help="Parameter-JSON statt content/ laden")
    parser.add_argument("--content", default="content", help="Verzeichnis der Inhalte (Standard: content)")
    parser.add_argument("--format", help="nur vorlage: odt oder docx")
    args = parser.parse_args(argv)
    if args.format is not None and args.command != "vorlage":
        parser.error("--format gibt es nur für vorlage")
    session = Session(_parameters(args))
    try:
        data = parse_input(sys.stdin.read())
        if args.command == "vorlage":
            if args.format is not None and isinstance(data, dict):
                data = data | {"format": args.format}
            document = session.vorlage(data)
        else:
            result = session.compute(args.command, data)
    except InputError as exc:
        print(json.dumps(exc.as_dict(), ensure_ascii=False))
        return 2
    if args.command == "vorlage":
        sys.stdout.buffer.write(document.data)
        sys.stdout.flush()
    else:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
