"""`resdiff.amendments/1`: the JSON form of an amendment list, written and read.

One object per amendment, its keys the fields of the action type plus `operation`; the
keys are documented in `engine/render/schemas/amendments.schema.json`, against which a list
is checked when read (so a hand-made list is refused with the place of its first fault, never
half-applied) and the tests check what is written.

A deletion is written in one form, `delete-provision` with `targets` and `refs` (one each
for one provision); lists written before it took that form (`delete-provision` with one
`target` and `ref`, `delete-provisions` for a run) are read as it (`_upgraded`), so the
schema id stays `resdiff.amendments/1`.
"""

from __future__ import annotations

import dataclasses
import json
from functools import cache
from importlib import resources
from typing import Any

from ..errors import AmendmentError
from ..render import jsonout
from .actions import OPERATION_OF, OPERATIONS, Amendment, AmendmentList, Piece

AMENDMENTS_SCHEMA = "resdiff.amendments/1"


@cache
def schema() -> dict[str, Any]:
    text = resources.files("engine.render").joinpath("schemas/amendments.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _value(value: Any) -> Any:
    if isinstance(value, Piece):
        return dataclasses.asdict(value)
    if isinstance(value, tuple):
        return [_value(v) for v in value]
    return value


def amendment_dict(amendment: Amendment) -> dict[str, Any]:
    out: dict[str, Any] = {"operation": OPERATION_OF[type(amendment)]}
    for f in dataclasses.fields(amendment):
        value = getattr(amendment, f.name)
        if f.name == "proposer" and value is None:
            continue
        out[f.name] = _value(value)
    return out


def list_dict(amendments: AmendmentList) -> dict[str, Any]:
    out: dict[str, Any] = {
        "schema": AMENDMENTS_SCHEMA,
        "base": amendments.base,
        "language": amendments.language,
        "amendments": [amendment_dict(a) for a in amendments.amendments],
    }
    if amendments.proposer is not None:
        out["proposer"] = amendments.proposer
    return out


def dumps(amendments: AmendmentList) -> str:
    """Keys sorted, amendments in list order: equal lists give equal bytes."""
    return jsonout.dumps(list_dict(amendments))


def _amendment(data: dict[str, Any]) -> Amendment:
    cls = OPERATIONS[data["operation"]]
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name not in data:
            continue
        value = data[f.name]
        if f.name == "pieces":
            value = tuple(Piece(**piece) for piece in value)
        elif f.name == "new" and isinstance(value, dict):
            value = Piece(**value)
        elif isinstance(value, list):
            value = tuple(value)
        kwargs[f.name] = value
    return cls(**kwargs)


def _upgraded_one(item: Any) -> Any:
    """A deletion in an earlier form as the one form it has now; anything else as it is."""
    if not isinstance(item, dict) or item.get("operation") not in ("delete-provision", "delete-provisions"):
        return item
    out = dict(item, operation="delete-provision")
    for one, many in (("target", "targets"), ("ref", "refs")):
        if one in out and many not in out:
            out[many] = [out.pop(one)]
    return out


def _upgraded(data: Any) -> Any:
    """The list with its deletions in the form written now (see the module's docstring): the
    amendments, and those a rebased list reports as not carried over or relocated."""
    if not isinstance(data, dict):
        return data
    out = dict(data)
    if isinstance(out.get("amendments"), list):
        out["amendments"] = [_upgraded_one(a) for a in out["amendments"]]
    for report in ("not_carried", "relocated"):
        if isinstance(out.get(report), list):
            out[report] = [
                dict(r, amendment=_upgraded_one(r["amendment"]))
                if isinstance(r, dict) and "amendment" in r
                else r
                for r in out[report]
            ]
    return out


def loads(text: str, source: str | None = None) -> AmendmentList:
    """Read a list; a fault is an AmendmentError naming the amendment (its place in the list)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise AmendmentError(f"not JSON: {exc.msg}", path=source, line=exc.lineno) from None
    data = _upgraded(data)
    import jsonschema  # here: ~70 ms to import, and only a list being read needs it

    validator = jsonschema.Draft202012Validator(schema())
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        path = list(error.absolute_path)
        where = f"amendment {path[1] + 1}: " if len(path) >= 2 and path[0] == "amendments" else ""
        raise AmendmentError(f"not a resdiff.amendments/1 list: {where}{error.message}", path=source)
    for k, a in enumerate(data["amendments"], 1):
        if "targets" in a and len(a["targets"]) != len(a["refs"]):
            raise AmendmentError(
                f"not a resdiff.amendments/1 list: amendment {k}: {len(a['targets'])} targets "
                f"but {len(a['refs'])} refs (one reference a provision)",
                path=source,
            )
    return AmendmentList(
        amendments=tuple(_amendment(a) for a in data["amendments"]),
        language=data["language"],
        base=data.get("base"),
        proposer=data.get("proposer"),
        source=source,
    )
