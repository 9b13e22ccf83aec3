"""``python -m guide check [content-dir]``: load and validate content/, print issues, exit 1 on any."""

import sys
from pathlib import Path

from guide.loader import ContentError, load_content


def main(argv: list[str]) -> int:
    if not argv or argv[0] != "check":
        print("Aufruf: python -m guide check [content]", file=sys.stderr)
        return 2
    root = Path(argv[1] if len(argv) > 1 else "content")
    try:
        content = load_content(root)
    except ContentError as exc:
        print(exc, file=sys.stderr)
        print(f"{len(exc.issues)} Fehler in {root}/", file=sys.stderr)
        return 1
    counts = f"{len(content.models)} Modelle, {len(content.chapters)} Kapitel, {len(content.aspects)} Aspekte"
    print(f"OK: {counts}, {len(content.glossary)} Begriffe im Glossar")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
