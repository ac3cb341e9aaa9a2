"""The one Jinja2 environment every HTML report is made in (diff report, timeline).

Autoescape on, so a document's text can never run as markup; undefined names are errors,
not empty strings. Jinja2 is imported on the first HTML report only (~40 ms).
"""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def _environment() -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(
        loader=PackageLoader("engine.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def template(name: str) -> Any:
    """A template of `engine/render/templates/`, from the shared environment."""
    return _environment().get_template(name)
