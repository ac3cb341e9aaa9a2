"""Word's "Accept all" and "Reject all", computed from a .docx's XML (ECMA-376 17.13.5).

Used by the tests to check the `docx` diff format: accepting every revision must give the
new text, rejecting every one the old; and the `docx` compilation, whose revisions can also be
accepted for some authors (delegations) and rejected for the others, as Word's reviewer
filter does. Only paragraphs in resdiff's provision style count, and runs in its label
style (a negotiation label such as `OP5 bis`) are not text.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _style_id(styles: etree._Element, name: str) -> str | None:
    for s in styles.iterfind("w:style", NS):
        found = s.find("w:name", NS)
        if found is not None and found.get(_q("val")) == name:
            return s.get(_q("styleId"))
    return None


def resolve(
    data: bytes,
    *,
    accept: bool,
    style_name: str = "resdiff Provision",
    authors: frozenset[str] | None = None,
    labels: bool = False,
) -> list[str]:
    """The provision paragraphs' texts after accepting (or rejecting) every revision; with
    `authors`, the revisions by those authors are accepted and the others rejected; with
    `labels`, each paragraph's label (its runs in the label style) instead of its text."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        document = etree.fromstring(z.read("word/document.xml"))
        styles = etree.fromstring(z.read("word/styles.xml"))
    style_id = next(
        s.get(_q("styleId"))
        for s in styles.iterfind("w:style", NS)
        if s.find("w:name", NS) is not None and s.find("w:name", NS).get(_q("val")) == style_name
    )
    label = _style_id(styles, "resdiff Label")

    def accepted(revision: etree._Element) -> bool:
        return accept if authors is None else revision.get(_q("author")) in authors

    def dropped(revision: etree._Element) -> bool:
        name = etree.QName(revision).localname
        if name in ("del", "moveFrom"):
            return accepted(revision)
        if name in ("ins", "moveTo"):
            return not accepted(revision)
        return False

    out: list[tuple[str | None, str]] = []  # (style, text) of each resulting paragraph
    pending = ""  # text of paragraphs whose mark was dropped: it joins the next paragraph
    for p in document.iterfind(".//w:body/w:p", NS):
        pstyle = p.find("w:pPr/w:pStyle", NS)
        style = pstyle.get(_q("val")) if pstyle is not None else None
        text = []
        for node in p.iter(_q("t"), _q("delText")):
            ancestors = list(node.iterancestors())
            if any(dropped(a) for a in ancestors) or any(
                etree.QName(a).localname == "pPr" for a in ancestors
            ):
                continue
            run_style = node.getparent().find("w:rPr/w:rStyle", NS)
            in_label = label is not None and run_style is not None and run_style.get(_q("val")) == label
            if in_label != labels:
                continue
            text.append(node.text or "")
        mark = p.find("w:pPr/w:rPr", NS)
        if mark is not None and any(dropped(c) for c in mark):
            pending += "".join(text)
            continue
        # Joined paragraphs take the properties of the mark that remains (17.13.5.15).
        out.append((style, pending + "".join(text)))
        pending = ""
    return [text.strip() if labels else text for style, text in out if style == style_id]
