"""Amendments: a change written as UN amendment instructions, and applied back.

actions   the vocabulary (ReplaceWords, InsertProvision, ...; AmendmentList)
derive    Diff -> the smallest readable AmendmentList
apply     base + amendments -> amended Resolution
refs      references as printed ("the third preambular paragraph", 执行部分第12段)
jsonform  resdiff.amendments/1
"""

from __future__ import annotations

from .actions import (
    OPERATIONS,
    Amendment,
    AmendmentList,
    DeleteProvision,
    DeleteWords,
    InsertProvision,
    InsertWords,
    Merge,
    MoveProvision,
    Piece,
    ReplaceProvision,
    ReplaceWords,
    Split,
)
from .apply import apply
from .derive import derive

__all__ = [
    "OPERATIONS",
    "Amendment",
    "AmendmentList",
    "DeleteProvision",
    "DeleteWords",
    "InsertProvision",
    "InsertWords",
    "Merge",
    "MoveProvision",
    "Piece",
    "ReplaceProvision",
    "ReplaceWords",
    "Split",
    "apply",
    "derive",
]
