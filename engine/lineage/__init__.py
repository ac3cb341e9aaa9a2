"""Lineages of provisions across the versions of a series: timeline, blame and lineage.

`graph.build` links the versions (successive diffs, cached by `cache.PairCache`; gaps and
excerpts bridged); `timeline` and `blame` read the result. See docs/lineage.md.
"""

from __future__ import annotations

from .blame import Blame, blame
from .cache import PairCache, Step, default_cache_dir, engine_fingerprint
from .graph import GAP_LOOKBACK, GAP_THRESHOLD, SeriesLineage, Stage, build, link_stages
from .timeline import STATUSES, Timeline, timeline

__all__ = [
    "GAP_LOOKBACK",
    "GAP_THRESHOLD",
    "STATUSES",
    "Blame",
    "PairCache",
    "SeriesLineage",
    "Stage",
    "Step",
    "Timeline",
    "blame",
    "build",
    "default_cache_dir",
    "engine_fingerprint",
    "link_stages",
    "timeline",
]
