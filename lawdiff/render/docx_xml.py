"""What python-docx has no call for: CJK fonts, repeated header rows, cell shading, and the same bytes
for the same input.

* Fonts: Word picks the font of a Chinese character from ``w:eastAsia`` of a run's ``w:rFonts``, not from
  its name; every style gets ``SimSun`` (宋体) there, ``SimHei`` (黑体) for headings, and the font table
  declares both with their Chinese names (``w:altName``) and the GB2312 charset, which is what lets Word
  and LibreOffice substitute an installed Chinese font (Noto Serif CJK, Source Han Serif, Songti) where
  SimSun is missing.
* A table's first row is marked ``w:tblHeader``: Word repeats it at the top of every page.
* Determinism: a .docx is a ZIP file, and python-docx stamps each member with the time of saving and the
  core properties with whatever the template had.  :func:`deterministic` rewrites the archive with fixed
  member times and attributes, so that ``examples/*.docx`` can be checked for staleness byte for byte.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

LATIN = "Times New Roman"
SONG = "SimSun"  # 宋体
HEI = "SimHei"  # 黑体
MONO = "Consolas"
#: 1980-01-01, the earliest time a ZIP member can carry.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
#: XML 1.0 refuses these characters; a law text or a file name holding one must still give a document.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FONTS = (
    f'<w:font w:name="{SONG}"><w:altName w:val="宋体"/><w:panose1 w:val="02010600030101010101"/>'
    '<w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>'
    f'<w:font w:name="{HEI}"><w:altName w:val="黑体"/><w:panose1 w:val="02010609060101010101"/>'
    '<w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>'
)


def xml_text(text: str) -> str:
    """Text Word can hold: characters XML 1.0 forbids become U+FFFD, visibly, rather than vanish."""
    return _NOT_XML.sub("\ufffd", text)


def set_fonts(rpr_owner: Any, *, east_asia: str = SONG, latin: str = LATIN) -> None:
    """``w:rFonts`` on a style or run: Latin letters in ``latin``, Chinese in ``east_asia``."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for key in ("ascii", "hAnsi", "cs"):
        fonts.set(qn(f"w:{key}"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    for key in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{key}"), None)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def repeat_header(row: Any) -> None:
    """Mark a table row as a header row, repeated on every page."""
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def shade(cell: Any, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    el = OxmlElement("w:shd")
    el.set(qn("w:val"), "clear")
    el.set(qn("w:color"), "auto")
    el.set(qn("w:fill"), fill)
    tc_pr.append(el)


def fixed_layout(table: Any, widths_twips: tuple[int, ...]) -> None:
    """Column widths Word and LibreOffice both respect: a fixed layout and a width on every cell."""
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    grid = table._tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths_twips):
        col.set(qn("w:w"), str(w))
    for row in table.rows:
        for cell, w in zip(row.cells, widths_twips):
            tc_w = cell._tc.get_or_add_tcPr().get_or_add_tcW()
            tc_w.set(qn("w:type"), "dxa")
            tc_w.set(qn("w:w"), str(w))


def deterministic(data: bytes) -> bytes:
    """The same archive with fixed member times and attributes, members in the order python-docx wrote them,
    and the CJK fonts declared in the font table."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "word/fontTable.xml":
                body = body.replace(b"</w:fonts>", _FONTS.encode("utf-8") + b"</w:fonts>")
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            member.create_system = 0
            dst.writestr(member, body, compresslevel=6)
    return out.getvalue()


__all__ = ["HEI", "LATIN", "MONO", "SONG", "deterministic", "fixed_layout", "repeat_header", "set_fonts", "shade",
           "xml_text"]
