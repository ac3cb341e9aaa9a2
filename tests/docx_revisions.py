"""Word's "Accept all" and "Reject all", computed from a .docx's XML (ECMA-376 17.13.5).

Used by the tests to check the `docx` diff format: accepting every revision must give the
new text, rejecting every one the old. Only paragraphs in resdiff's provision style count.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def resolve(data: bytes, *, accept: bool, style_name: str = "resdiff Provision") -> list[str]:
    """The provision paragraphs' texts after accepting (or rejecting) every revision."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        document = etree.fromstring(z.read("word/document.xml"))
        styles = etree.fromstring(z.read("word/styles.xml"))
    style_id = next(
        s.get(_q("styleId"))
        for s in styles.iterfind("w:style", NS)
        if s.find("w:name", NS) is not None and s.find("w:name", NS).get(_q("val")) == style_name
    )
    dropped = {"del", "moveFrom"} if accept else {"ins", "moveTo"}
    out: list[tuple[str | None, str]] = []  # (style, text) of each resulting paragraph
    pending = ""  # text of paragraphs whose mark was dropped: it joins the next paragraph
    for p in document.iterfind(".//w:body/w:p", NS):
        pstyle = p.find("w:pPr/w:pStyle", NS)
        style = pstyle.get(_q("val")) if pstyle is not None else None
        text = []
        for node in p.iter(_q("t"), _q("delText")):
            ancestors = {etree.QName(a).localname for a in node.iterancestors()}
            if ancestors & dropped or "pPr" in ancestors:
                continue
            text.append(node.text or "")
        mark = p.find("w:pPr/w:rPr", NS)
        mark_revisions = {etree.QName(c).localname for c in mark} if mark is not None else set()
        if mark_revisions & dropped:
            pending += "".join(text)
            continue
        # Joined paragraphs take the properties of the mark that remains (17.13.5.15).
        out.append((style, pending + "".join(text)))
        pending = ""
    return [text for style, text in out if style == style_id]
