"""The operator data in mkdocs.yml (``extra.betreiber``, ``site_url``): which settings still hold the
placeholders the project ships with."""

from __future__ import annotations

EXAMPLE_HOST = "example.github.io"  # the site_url mkdocs.yml ships with


def placeholders(operator: dict, site_url: str) -> list[str]:
    """Settings in mkdocs.yml still at their shipped placeholder: '[…]' values, the example host."""
    found = [f"extra.betreiber.{key}" for key, value in operator.items() if str(value).startswith("[")]
    return found + (["site_url"] if EXAMPLE_HOST in site_url else [])
