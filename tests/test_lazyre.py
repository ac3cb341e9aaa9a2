"""`engine.lazyre.lazy`: a pattern compiled on first use, answering as `re.compile` does."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from engine.lazyre import lazy

ROOT = Path(__file__).resolve().parent.parent
PATTERNS = [(r"(?P<n>\d+)\s*([.．])", 0), (r"^\s*op\s?(\d+)", re.I | re.M), (r"[一-鿿]+|\w+", 0)]


@given(st.sampled_from(PATTERNS), st.text(alphabet="12 .．opOP\n中文ab", max_size=30))
def test_every_method_answers_as_the_compiled_pattern(case: tuple[str, int], text: str) -> None:
    pattern, flags = case
    eager, late = re.compile(pattern, flags), lazy(pattern, flags)

    def same(a: re.Match[str] | None, b: re.Match[str] | None) -> bool:
        return (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))

    assert same(late.match(text), eager.match(text)) and same(late.search(text, 1), eager.search(text, 1))
    assert same(late.fullmatch(text), eager.fullmatch(text))
    assert late.sub("<\\g<0>>", text) == eager.sub("<\\g<0>>", text)
    assert late.subn(lambda m: m.group(0)[::-1], text, 2) == eager.subn(lambda m: m.group(0)[::-1], text, 2)
    assert late.split(text) == eager.split(text) and late.findall(text) == eager.findall(text)
    assert [m.span() for m in late.finditer(text)] == [m.span() for m in eager.finditer(text)]


def test_it_compiles_on_first_use_and_then_calls_the_compiled_pattern_directly() -> None:
    late = lazy(r"\d+-unseen-before")
    assert "compiled" not in vars(late) and late.pattern == r"\d+-unseen-before"
    assert late.search("a 12-unseen-before") is not None
    compiled = vars(late)["compiled"]
    assert late.search == compiled.search and late.sub == compiled.sub  # no wrapper left


PROBE = """
import re, sys
compiled = []
original = re._compile
def counting(pattern, flags):
    caller = sys._getframe(2).f_globals.get("__name__", "")
    if isinstance(pattern, str) and caller.startswith("engine"):
        compiled.append(caller)
    return original(pattern, flags)
re._compile = counting
import engine.read.reader, engine.align, engine.diff, engine.store.canonical, engine.render.markdown
print(sorted(set(compiled)))
"""


def test_the_reader_aligner_and_diff_compile_no_pattern_when_imported() -> None:
    """Every module-level pattern on a diff's path is `lazy`: a `re.compile` at module level
    would be paid by every command that imports the module, used or not."""
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"
