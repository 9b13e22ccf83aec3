"""How a content problem is reported: ``file:line:col: field.path: what is wrong`` (in German)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Issue:
    """One problem in one content file."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.field or '<Datei>'}: {self.message}"


class ContentError(Exception):
    """Content could not be loaded; carries every issue found."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        super().__init__("\n".join(str(issue) for issue in issues))


def dotted(path: tuple | list) -> str:
    """A field path as messages show it: ('ausgangslage', 'historie', 'von') -> 'ausgangslage.historie.von'."""
    return ".".join(str(part) for part in path)
