"""Lineages of provisions across the versions of a series: timeline, blame and lineage.

`graph.build` links the versions (successive diffs, cached by `cache.PairCache`; gaps and
excerpts bridged); `timeline` and `blame` read the result. See docs/lineage.md.

Nothing is imported here: callers import the module they use, so that a cached timeline
(`stages`, `cache`, `timeline`) loads neither the graph's builder nor blame.
"""
