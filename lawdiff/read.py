"""Stage 1: bytes -> str.  Encoding detection and refusal of what is not a law text.

Chinese government files come as UTF-8, UTF-8 with BOM, UTF-16 with BOM, or GB18030/GBK; we try
exactly those, strictly, in that order (a BOM wins), and never guess with a statistical detector:
a wrong guess would silently corrupt legal text.  ``--encoding`` overrides.  Line endings
(CRLF, old-Mac CR) become LF; nothing else is changed here.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from .errors import InputError

#: Refuse larger inputs: the longest national code (the civil code) is about 0.4 MB; anything over
#: this is not one law text and would only make the tool slow.  Documented in the README.
MAX_BYTES = 20 * 1024 * 1024

_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"%PDF": "a PDF file",
    b"PK\x03\x04": "a ZIP archive (a .docx/.xlsx is one too)",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\xd0\xcf\x11\xe0": "an old Office document (.doc/.xls)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "a program",
}

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def read_file(path: str | os.PathLike[str], *, encoding: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding used)``; raise :class:`InputError` with the cause and the fix."""
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise InputError(f"{name}: no such file; check the path")
    if p.is_dir():
        raise InputError(f"{name}: is a directory; give the path of a text file inside it")
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                f"{name}: {size / 1048576:.0f} MB is larger than the {MAX_BYTES // 1048576} MB limit for one "
                "law text; split it into one file per law"
            )
        data = p.read_bytes()
    except PermissionError:
        raise InputError(f"{name}: permission denied; check the file's permissions") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror}); check the path") from None
    return decode(data, name=name, encoding=encoding)


def decode(data: bytes, *, name: str = "<input>", encoding: str | None = None) -> tuple[str, str]:
    if not data:
        raise InputError(f"{name}: the file is empty; give a file with the text of a law")
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(f"{name}: unknown encoding {encoding!r}; use e.g. utf-8, gb18030, utf-16") from None
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name}: bytes at offset {exc.start} are not valid {encoding}; "
                "check --encoding (omit it to detect UTF-8/UTF-16/GB18030)"
            ) from None
        return _finish(text, name), encoding
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"{name}: looks like {what}, not text; save the law as a .txt or .md file first")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return _finish(data.decode(enc), name), enc
            except UnicodeDecodeError:
                raise InputError(f"{name}: starts with a {enc} byte-order mark but is not valid {enc}; "
                                 "re-save it or pass --encoding") from None
    if b"\x00" in data[:4096]:
        raise InputError(f"{name}: contains NUL bytes, so it is binary, not text; "
                         "save it as UTF-8 text (or pass --encoding utf-16 if it is UTF-16 without a BOM)")
    try:
        return _finish(data.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError as utf8_err:
        try:
            return _finish(data.decode("gb18030"), name), "gb18030"
        except UnicodeDecodeError:
            raise InputError(
                f"{name}: not valid UTF-8 (bad byte at offset {utf8_err.start}) nor GB18030; "
                "pass --encoding with the file's encoding, or re-save it as UTF-8"
            ) from None


def _finish(text: str, name: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip() or not text.replace("\u200b", "").replace("\ufeff", "").strip():
        raise InputError(f"{name}: contains only whitespace; give a file with the text of a law")
    controls = sum(1 for c in text[:20000] if ord(c) < 32 and c not in "\n\t\f\v")
    if controls > 8:
        raise InputError(f"{name}: contains control characters, so it is binary, not text; "
                         "save the law as a .txt or .md file first")
    return text
