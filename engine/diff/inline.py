"""The diff inside a provision: tokens, diff-match-patch, semantic cleanup.

diff-match-patch diffs strings of characters. Its "lines mode" (`diff_linesToChars`) maps
each distinct line to one private character, diffs those, and maps back; here the same is
done over *tokens*, so an edit never starts or ends inside a word or a symbol. Then
`diff_cleanupSemantic` (Fraser, "Diff Strategies", 2006) removes the short coincidental
equalities between edits, so that edits read as phrases: `[-strongly urges-]{+calls upon+}`
instead of alternating one-word fragments.

Tokens are compared by a key: by default the key folds punctuation width and drops
whitespace, so formatting is never what aligns or separates two tokens; words run together
or pulled apart by extraction (`cooperatefully`, `d ’entre`) are joined into one token on
the side that splits them (`join_runs`), so they too compare equal. When an equal run pairs
tokens whose surfaces differ (`，` and `,`, `cooperatefully` and `cooperate fully`), the
difference is kept as a small delete + insert, so the ops still rebuild both texts exactly;
a delete or insert of white space only is formatting, and renderers show it unmarked
(`engine.render.diff_labels.visible_ops`).
"""

from __future__ import annotations

from functools import lru_cache

from diff_match_patch import diff_match_patch

from ..align.formatting import fold_width, spaceless
from .changes import Op, OpKind
from .tokenize import Tokenizer

# Supplementary Private Use Area-A and -B: one code point per distinct token, 131,068 of them.
_CODE_BASE = 0xF0000
_CODE_LIMIT = 0x10FFFE - _CODE_BASE

_DMP_OP: dict[int, OpKind] = {0: "equal", 1: "insert", -1: "delete"}


# Words run together or pulled apart by extraction are joined up to this many tokens.
MAX_JOIN = 8


@lru_cache(maxsize=1 << 16)  # asked of every token of every compared pair: tokens recur
def _folded(token: str) -> str:
    return spaceless(fold_width(token))


def _key(token: str, count_formatting: bool) -> str:
    return token if count_formatting else _folded(token)


def join_runs(tokens: list[str], keys: list[str], wanted: set[str]) -> list[str]:
    """Join runs of consecutive tokens whose keys, run together, make a token only the
    other side has (`wanted`): extraction loses a space at a line end (`cooperatefully`) or
    adds one (`d ’entre`), and a lost or added space is formatting. With the run as one
    token on both sides, the two compare equal by key and the space difference is a surface
    op. The longest run wins; a run stops growing once it is longer than any wanted key, so
    this stays linear in the tokens."""
    if not wanted:
        return tokens
    longest = max(map(len, wanted))
    out: list[str] = []
    k = 0
    while k < len(tokens):
        best = 0
        joined = keys[k]
        for n in range(2, min(MAX_JOIN, len(tokens) - k) + 1):
            joined += keys[k + n - 1]
            if len(joined) > longest:
                break
            if joined in wanted:
                best = n
        if best:
            out.append("".join(tokens[k : k + best]))
            k += best
        else:
            out.append(tokens[k])
            k += 1
    return out


def _surface_ops(old: str, new: str) -> list[Op]:
    """Ops for one pair of tokens equal by key, character by character (diff-match-patch):
    what differs is a space or a width (`cooperate{+ +}fully`, `[-，-]{+,+}`)."""
    if old == new:
        return [("equal", old)]
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    return [(_DMP_OP[operation], text) for operation, text in dmp.diff_main(old, new, False)]


def tidy(ops: list[Op]) -> tuple[Op, ...]:
    """Merge neighbouring ops of one kind, drop empty ones, and put every deletion of a
    replacement before its insertion."""
    out: list[Op] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def flush() -> None:
        if deleted:
            out.append(("delete", "".join(deleted)))
        if inserted:
            out.append(("insert", "".join(inserted)))
        deleted.clear()
        inserted.clear()

    for kind, text in ops:
        if not text:
            continue
        if kind == "delete":
            deleted.append(text)
        elif kind == "insert":
            inserted.append(text)
        else:
            flush()
            if out and out[-1][0] == "equal":
                out[-1] = ("equal", out[-1][1] + text)
            else:
                out.append(("equal", text))
    flush()
    return tuple(out)


def _space_suffix(a: str, b: str) -> str:
    """The whitespace both texts end with."""
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n] and a[-1 - n].isspace():
        n += 1
    return a[len(a) - n :]


def outside_space(ops: tuple[Op, ...]) -> tuple[Op, ...]:
    """Move whitespace that a replacement deletes and inserts alike out of it, so that edits
    end on a word (`[-23/3-]{+25/3+} of`, not `[-23/3 -]{+25/3 +}of`)."""
    out: list[Op] = []
    k = 0
    while k < len(ops):
        if k + 1 < len(ops) and ops[k][0] == "delete" and ops[k + 1][0] == "insert":
            old, new = ops[k][1], ops[k + 1][1]
            space = _space_suffix(old, new)
            if space:  # `[-, -]{+ +}` reads better as `[-,-] `
                out += [("delete", old[: -len(space)]), ("insert", new[: -len(space)]), ("equal", space)]
                k += 2
                continue
        out.append(ops[k])
        k += 1
    return tidy(out)


def token_diff(old: str, new: str, tokenizer: Tokenizer, *, count_formatting: bool = False) -> tuple[Op, ...]:
    """Token-level ops turning `old` into `new`; they rebuild both texts exactly."""
    if old == new:
        return (("equal", old),) if old else ()
    old_tokens = tokenizer.tokens(old)
    new_tokens = tokenizer.tokens(new)
    if not count_formatting:
        old_keys = [_folded(t) for t in old_tokens]
        new_keys = [_folded(t) for t in new_tokens]
        old_set, new_set = set(old_keys), set(new_keys)
        old_tokens = join_runs(old_tokens, old_keys, new_set - old_set)
        new_tokens = join_runs(new_tokens, new_keys, old_set - new_set)
    codes: dict[str, str] = {}

    def encode(tokens: list[str]) -> str:
        out = []
        for token in tokens:
            key = _key(token, count_formatting)
            code = codes.get(key)
            if code is None:
                if len(codes) >= _CODE_LIMIT:
                    raise OverflowError("too many distinct tokens in one provision")
                code = codes[key] = chr(_CODE_BASE + len(codes))
            out.append(code)
        return "".join(out)

    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # no deadline: a timed diff would depend on the machine's speed
    diffs = dmp.diff_main(encode(old_tokens), encode(new_tokens), False)
    dmp.diff_cleanupSemantic(diffs)

    ops: list[Op] = []
    at_old = at_new = 0
    for operation, codes_run in diffs:
        kind, count = _DMP_OP[operation], len(codes_run)
        if kind == "equal":
            for a, b in zip(
                old_tokens[at_old : at_old + count], new_tokens[at_new : at_new + count], strict=True
            ):
                ops.extend(_surface_ops(a, b))
            at_old += count
            at_new += count
        elif kind == "delete":
            ops.append(("delete", "".join(old_tokens[at_old : at_old + count])))
            at_old += count
        else:
            ops.append(("insert", "".join(new_tokens[at_new : at_new + count])))
            at_new += count
    return outside_space(tidy(ops))
