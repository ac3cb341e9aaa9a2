"""Lineages: the provisions of a series' versions (one language) linked across versions.

Built from the diffs of successive versions (each cached, `cache.PairCache`): every
unchanged, reworded, moved, split or merged change links old provisions to new ones. Two
more kinds of link cross versions the successive diffs cannot see:

- **Gaps.** A provision added in version w whose text is the same or nearly the same
  (similarity >= `GAP_THRESHOLD`, the aligner's own score) as one whose lineage ended with a
  removal is the same clause restored: one lineage with a gap, not two, if the clause was
  absent from at most `GAP_LOOKBACK` (5) successive whole stored versions (an excerpt
  that stops early cannot show it absent, so it does not count): series are stored
  sparsely (a missing year is common), and a clause dropped and restored usually returns
  within a few sessions; the high threshold keeps boilerplate from being joined to a
  stranger.
- **Excerpts.** A provision of version v-1 that the excerpt v does not reach (it lies after
  the last provision of v-1 that the excerpt matched) is *not in the excerpt*, never
  removed; in the next version that shows it (excerpts may follow excerpts) its lineage is
  taken up by an added provision at the aligner's ordinary threshold, but never below
  `engine.align.UNCERTAIN_BELOW` (wording alone must vouch for it). A provision of v+1
  past the end of the excerpt v that nothing takes up was perhaps there before: its origin
  is only an upper bound (`origin_exact`).

A lineage (one timeline row) is a connected component of provisions and links: a split
branches it, a merge joins it. Ids are per version (`pp3` in one version and `pp3` in
another are different provisions); a node is (version index, provision id).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from ..model import Provision, Resolution
from ..store import canonical
from ..store.history import History
from .cache import PairCache, Step, steps_of
from .stages import Prepared, StageFile, prepare, skipped_before

if TYPE_CHECKING:
    from ..diff import Diff

# The aligner, the diff engine and rapidfuzz are imported where a pair is compared or an
# open end linked, never at module level: a run that finds the whole series in the cache
# (`snapshot`) needs none of them, and loading them is most of such a run's time.

GAP_THRESHOLD = 0.75
"""Least similarity for joining a removed clause to one added later (near-same text)."""
GAP_LOOKBACK = 5
"""How many stored versions back a restored clause is looked for."""

Node = tuple[int, str]
JOINER = "\n"
"""How the diff joins the texts of a split or merge (`engine.diff.JOINER`, a test keeps
them equal; named here so that reading a cached lineage does not load the diff engine)."""


@dataclass(frozen=True)
class Stage:
    """One version of the series, as held in the chosen language."""

    symbol: str
    date: str | None
    resolution: Resolution

    @property
    def excerpt(self) -> bool:
        return self.resolution.meta.extent == "excerpt"

    @cached_property
    def by_id(self) -> dict[str, Provision]:
        """Its provisions by id (`Resolution.provision` looks through them all, and a
        timeline or blame asks for every provision of every version)."""
        return {p.id: p for p in self.resolution.provisions}


@dataclass(frozen=True)
class Link:
    """Provisions of one version that became provisions of a later one."""

    old: tuple[Node, ...]
    new: tuple[Node, ...]
    kind: str
    """unchanged, reworded, split or merged (the diff's vocabulary)."""
    moved: bool
    similarity: float
    ops: tuple[tuple[str, str], ...]
    gap: bool = False
    """Bridges versions in which the clause was absent (removed, or not in an excerpt)."""
    via: Node | None = None
    """Set when the old provision is the last of an excerpt, cut short mid-sentence: the
    ops and kind then compare the new text with `via`, the ancestor seen at the greatest
    length (whole, or cut later), so
    that a rewording the cut hid is not taken for no change (it is dated to this version,
    the first that shows it)."""
    uncertain: bool = False
    """The two may not be the same clause: the diff paired them by position or wording at a
    similarity two different provisions of one text also reach (`engine.diff.Change.uncertain`,
    `engine.align.UNCERTAIN_BELOW`; a take-up across an excerpt is never made below it). Blame
    and a provision's lineage say what rests on it."""


@dataclass
class Lineage:
    """One connected component: its provisions by version."""

    nodes: list[Node]
    _by_version: dict[int, list[str]] | None = field(default=None, init=False, repr=False, compare=False)

    def ids_in(self, version: int) -> list[str]:
        """Its provisions in one version, in node order (a timeline asks every version of
        every lineage several times: the grouping is made once)."""
        if self._by_version is None:
            grouped: dict[int, list[str]] = {}
            for v, pid in self.nodes:
                grouped.setdefault(v, []).append(pid)
            self._by_version = grouped
        return list(self._by_version.get(version, ()))


@dataclass
class SeriesLineage:
    """A series in one language, its versions linked provision by provision: the stages,
    the links between them, and the lineages (timeline rows) they make."""

    series: str
    language: str
    stages: list[Stage]
    skipped: list[str]
    """Versions of the series with no text in this language (not columns)."""
    links: list[Link]
    removed: set[Node]
    """Provisions whose next version dropped them (the successive diff said removed)."""
    unseen: set[Node]
    """Provisions the next version, an excerpt, does not reach: not in the excerpt."""
    beyond_excerpt: set[Node]
    """Provisions past the end of an excerpt before them, taken up by nothing: origin unsure."""
    lineages: list[Lineage] = field(default_factory=list)
    incoming: dict[Node, Link] = field(default_factory=dict)
    outgoing: dict[Node, list[Link]] = field(default_factory=dict)
    skipped_at: list[tuple[int, str | None]] = field(default_factory=list)
    """For each of `skipped`: the index of the first version held after it (len(stages)
    when none is) and its date. A change made in a version not held in the language is
    dated by the lineage to the next version held; blame and a provision's lineage say so
    rather than leave the version out without a word."""

    def __post_init__(self) -> None:
        if len(self.skipped_at) != len(self.skipped):
            # Not told where they stand: taken to stand before every version, so that blame
            # names them rather than leave them out.
            self.skipped_at = [(0, None)] * len(self.skipped)

    def skipped_before(self, version: int) -> list[str]:
        """The versions not held in the language that come before version `version`."""
        return skipped_before(self.skipped, self.skipped_at, version)

    def stage_index(self, symbol: str) -> int | None:
        from ..symbols import slug_of

        key = slug_of(symbol)
        return next((k for k, s in enumerate(self.stages) if slug_of(s.symbol) == key), None)

    def text(self, node: Node) -> str:
        return self.stages[node[0]].by_id[node[1]].text

    def lineage_of(self, node: Node) -> Lineage:
        for lineage in self.lineages:
            if node in lineage.nodes:
                return lineage
        raise KeyError(node)


def compare(old: Resolution, new: Resolution, threshold: float) -> Diff:
    """`resdiff diff`'s comparison (the diff engine loads on the first pair computed)."""
    from ..diff import compare as diff_compare

    return diff_compare(old, new, threshold=threshold)


def default_threshold() -> float:
    from ..align import DEFAULT_THRESHOLD

    return DEFAULT_THRESHOLD


def parse(f: StageFile) -> Resolution:
    return canonical.loads(canonical.decode(f.data, f.path), f.path)


def pair_steps(
    old: Resolution, new: Resolution, old_bytes: bytes, new_bytes: bytes, cache: PairCache, threshold: float
) -> tuple[Step, ...]:
    def compute() -> tuple[Step, ...]:
        return steps_of(compare(old, new, threshold))

    return cache.steps(old_bytes, new_bytes, f"threshold={threshold!r}", compute)


def build(
    store: History,
    series: str,
    language: str | None = None,
    *,
    cache: PairCache | None = None,
    threshold: float | None = None,
    progress: Callable[[int, int], None] | None = None,
    prepared: Prepared | None = None,
) -> SeriesLineage:
    """The lineages of a series in one language (see the module's docstring): the whole
    result from the cache when no version changed (`snapshot`), else built from the
    successive pairs (each from the cache when its two files did not change). `prepared`:
    `prepare`'s answer for the same arguments, when the caller already has it."""
    cache = cache or PairCache(None)
    ready = prepared or prepare(store, series, language, cache, threshold)
    files = ready.files
    found = cache.get_lineage(ready.key)
    if found is not None:
        return found
    limit = default_threshold() if threshold is None else threshold
    stages = [Stage(f.symbol, f.date, parse(f)) for f in files]
    steps = []
    for k in range(len(stages) - 1):
        old, new = stages[k].resolution, stages[k + 1].resolution
        steps.append(pair_steps(old, new, files[k].data, files[k + 1].data, cache, limit))
        if progress is not None:
            progress(k + 1, len(stages) - 1)
    result = link_stages(
        ready.manifest.name,
        ready.language,
        stages,
        ready.skipped,
        steps,
        threshold=limit,
        skipped_at=ready.skipped_at,
    )
    cache.put_lineage(ready.key, result)
    return result


def link_stages(
    series: str,
    language: str,
    stages: list[Stage],
    skipped: list[str],
    steps: list[tuple[Step, ...]],
    *,
    threshold: float | None = None,
    skipped_at: list[tuple[int, str | None]] | None = None,
) -> SeriesLineage:
    """Links, removals, excerpt gaps and components from the successive pairs' steps.
    `skipped_at`: where each of `skipped` stands (`SeriesLineage.skipped_at`)."""
    threshold = default_threshold() if threshold is None else threshold
    result = SeriesLineage(
        series,
        language,
        stages,
        skipped,
        [],
        set(),
        set(),
        set(),
        skipped_at=list(skipped_at or ()),
    )
    # Open ends: (node last seen, least similarity to take it up; -1: hidden by an excerpt,
    # taken up at the aligner's own threshold, but never below UNCERTAIN_BELOW: a take-up has
    # no neighbours to vouch for it, only wording, and below that bar two different clauses
    # of one text score as high (of the five such take-ups in history/, three joined
    # strangers and none was clearly the same clause). The clause then starts afresh, its
    # origin a bound (`<=`), which is what is known.
    from ..align import UNCERTAIN_BELOW

    take_up = max(threshold, UNCERTAIN_BELOW)
    ended: list[tuple[Node, float]] = []
    for k, pair in enumerate(steps):
        old_res, new_res = stages[k].resolution, stages[k + 1].resolution
        old_pos = {p.id: n for n, p in enumerate(old_res.provisions)}
        new_pos = {p.id: n for n, p in enumerate(new_res.provisions)}
        linked = [s for s in pair if s.old and s.new]
        last_old = max((old_pos[i] for s in linked for i in s.old), default=-1)
        last_new = max((new_pos[i] for s in linked for i in s.new), default=-1)
        for s in linked:
            result.links.append(
                Link(
                    tuple((k, i) for i in s.old),
                    tuple((k + 1, i) for i in s.new),
                    s.kind,
                    s.moved,
                    s.similarity,
                    s.ops,
                    uncertain=s.uncertain,
                )
            )
        added = [s.new[0] for s in pair if s.kind == "added"]
        # Ends still open from earlier versions, before this pair's removals join them. How
        # long a clause has been away counts the whole versions since it was last seen: an
        # excerpt that stops early cannot show it absent, and a run of excerpts is common in
        # a stored series (it broke the lineage of every clause past their end in two).
        candidates = [
            (node, bar)
            for node, bar in ended
            if sum(not stages[v].excerpt for v in range(node[0] + 1, k + 1)) <= GAP_LOOKBACK
        ]
        new_ends: list[tuple[Node, float]] = []
        for s in pair:
            if s.kind != "removed":
                continue
            node = (k, s.old[0])
            if stages[k + 1].excerpt and old_pos[s.old[0]] > last_old:
                result.unseen.add(node)
                new_ends.append((node, -1.0))  # taken up next time at the ordinary threshold
            else:
                result.removed.add(node)
                new_ends.append((node, GAP_THRESHOLD))
        # Unseen ends from the version before (the excerpt k lies between) are taken up
        # at the aligner's threshold; removed ones at GAP_THRESHOLD. So is a clause hidden
        # by more than GAP_LOOKBACK excerpts: over so long a run, with nothing of its place
        # to go by, the looser score joins strangers (`Expresses its deep concern at` to
        # `Recalling its previous resolutions` nine excerpts later, in iran-hr).
        pool = [
            (node, (take_up if k - node[0] <= GAP_LOOKBACK else GAP_THRESHOLD) if bar < 0 else bar)
            for node, bar in candidates
        ]
        taken = _take_up(result, stages, pool, k + 1, added, language)
        # An unseen end not taken up waits like a removed one once a whole version has not
        # shown it; while excerpts follow excerpts it is merely still hidden.
        still_hidden = stages[k + 1].excerpt
        ended = [
            (n, b if b >= 0 or still_hidden else GAP_THRESHOLD) for n, b in candidates if n not in taken
        ] + new_ends
        if stages[k].excerpt:
            for pid in added:
                node = (k + 1, pid)
                if node not in result.incoming and new_pos[pid] > last_new:
                    result.beyond_excerpt.add(node)
    index_links(result)
    _bridge_cuts(result)
    index_links(result)
    make_components(result)
    return result


def _bridge_cuts(result: SeriesLineage) -> None:
    """Compare what follows a provision an excerpt cut short with its last whole ancestor."""
    from ..align import fold
    from ..diff import token_diff, tokenizer_for
    from ..diff.compare import cut_short

    cut_nodes = {
        (v, stage.resolution.provisions[-1].id)
        for v, stage in enumerate(result.stages)
        if cut_short(stage.resolution)
    }
    tokenizer = tokenizer_for(result.language)
    for k, link in enumerate(result.links):
        if len(link.old) != 1 or len(link.new) != 1 or link.old[0] not in cut_nodes:
            continue
        # Back through the cut ancestors to the one seen at the greatest length (whole, or
        # cut later than the others).
        node = ancestor = link.old[0]
        while node in cut_nodes and len(getattr(result.incoming.get(node), "old", ())) == 1:
            node = result.incoming[node].old[0]
            if len(fold(result.text(node))) > len(fold(result.text(ancestor))):
                ancestor = node
        if ancestor == link.old[0]:
            continue  # never seen at greater length: nothing better to compare with
        old_text, new_text = result.text(ancestor), result.text(link.new[0])
        same = fold(old_text) == fold(new_text)
        result.links[k] = Link(
            link.old,
            link.new,
            "unchanged" if same else "reworded",
            link.moved,
            1.0 if same else round(min(similarity([old_text], [new_text])[0][0], 0.9999), 4),
            tuple(token_diff(old_text, new_text, tokenizer)),
            gap=link.gap,
            via=ancestor,
            uncertain=link.uncertain,
        )


def index_links(result: SeriesLineage) -> None:
    result.incoming = {}
    result.outgoing = {}
    for link in result.links:
        for node in link.new:
            result.incoming[node] = link
        for node in link.old:
            result.outgoing.setdefault(node, []).append(link)


def similarity(old: list[str], new: list[str]) -> list[list[float]]:
    """The aligner's score (`engine.align.state.State.score`: 1.0 only when equal after
    folding, else the token similarity) of every old text against every new one, without
    the candidate index the aligner builds to avoid all pairs: these lists are a handful."""
    from rapidfuzz.distance import Indel

    from ..align import fold
    from ..align.features import Encoder, similarity_tokens

    old_keys, new_keys = [fold(t) for t in old], [fold(t) for t in new]
    encoder = Encoder()
    old_codes = [encoder.encode(similarity_tokens(k)) for k in old_keys]
    new_codes = [encoder.encode(similarity_tokens(k)) for k in new_keys]
    out = []
    for a_key, a in zip(old_keys, old_codes, strict=True):
        row = []
        for b_key, b in zip(new_keys, new_codes, strict=True):
            if a_key == b_key:
                row.append(1.0)
            elif a == b:
                row.append(min(Indel.normalized_similarity(a_key, b_key), 0.9999))
            else:
                row.append(Indel.normalized_similarity(a, b))
        out.append(row)
    return out


def _take_up(
    result: SeriesLineage,
    stages: list[Stage],
    pool: list[tuple[Node, float]],
    version: int,
    added: list[str],
    language: str,
) -> set[Node]:
    """Join added provisions of `version` to open ends of earlier versions, best score
    first (ties: the most recent end, then document order); each end and each added
    provision at most once. Returns the ends taken up."""
    if not pool or not added:
        return set()
    from ..align import fold
    from ..diff import token_diff, tokenizer_for

    old_texts = [result.text(node) for node, _ in pool]
    new_texts = [stages[version].by_id[pid].text for pid in added]
    score = similarity(old_texts, new_texts)
    scored = []
    for i, (node, bar) in enumerate(pool):
        for j in range(len(added)):
            if score[i][j] >= bar:
                scored.append((-score[i][j], -node[0], i, j))
    scored.sort()
    used_old: set[int] = set()
    used_new: set[int] = set()
    taken: set[Node] = set()
    tokenizer = tokenizer_for(language)
    for neg, _, i, j in scored:
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        node = pool[i][0]
        same = fold(old_texts[i]) == fold(new_texts[j])
        ops = token_diff(old_texts[i], new_texts[j], tokenizer)
        result.links.append(
            Link(
                (node,),
                ((version, added[j]),),
                "unchanged" if same else "reworded",
                False,
                round(min(-neg, 1.0 if same else 0.9999), 4),
                tuple(ops),
                gap=node[0] < version - 1 or node in result.unseen,
            )
        )
        result.incoming[(version, added[j])] = result.links[-1]
        taken.add(node)
    return taken


def make_components(result: SeriesLineage) -> None:
    """Connected components of nodes under links (union-find), rows ordered by where
    they first appear (version, then document position)."""
    parent: dict[Node, Node] = {}

    def find(node: Node) -> Node:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    order: dict[Node, tuple[int, int]] = {}
    for v, stage in enumerate(result.stages):
        for n, p in enumerate(stage.resolution.provisions):
            order[(v, p.id)] = (v, n)
            find((v, p.id))
    for link in result.links:
        first = find(link.old[0])
        for node in link.old[1:] + link.new:
            root = find(node)
            if root != first:
                parent[root] = first
    groups: dict[Node, list[Node]] = {}
    for node in sorted(order, key=order.__getitem__):
        groups.setdefault(find(node), []).append(node)
    result.lineages = [Lineage(nodes) for nodes in sorted(groups.values(), key=lambda ns: order[ns[0]])]
