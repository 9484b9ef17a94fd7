"""Stage 1: bytes -> str.  Encoding detection and refusal of what is not a law text.

Chinese government files come as UTF-8, UTF-8 with BOM, UTF-16 with BOM, or GB18030/GBK; we try
exactly those, strictly, in that order (a BOM wins), and never guess with a statistical detector:
a wrong guess would silently corrupt legal text.  ``--encoding`` overrides.  Line endings
(CRLF, old-Mac CR) become LF; nothing else is changed here.
"""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path

from lawdiff.errors import InputError

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
            raise _too_large(name, size)
        # read at most one byte more than the limit: a file that grows while we read, a device such as
        # /dev/zero or a pipe that never ends is refused instead of filling memory
        with p.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise _too_large(name, len(data))
    except PermissionError:
        raise InputError(f"{name}: permission denied; check the file's permissions") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror}); check the path") from None
    return decode(data, name=name, encoding=encoding)


def _too_large(name: str, size: int) -> InputError:
    limit = MAX_BYTES // 1048576
    what = f"{size / 1048576:.0f} MB is larger than" if size > MAX_BYTES + 1 else "is larger than"
    return InputError(f"{name}: {what} the {limit} MB limit for one law text; split it into one file per law")


_SURROGATE = re.compile("[\ud800-\udfff]")
#: Six UTF-8-encoded CJK characters in a row (lead byte E4-E9, two continuation bytes).  GBK text never
#: shows such a run by chance (none in any corpus text re-encoded as GBK, checked), so a file that is
#: not valid UTF-8 but contains one is a UTF-8 text with a part pasted in another encoding.
_UTF8_CJK_RUN = re.compile(rb"(?:[\xe4-\xe9][\x80-\xbf]{2}){6}")


def decode(data: bytes, *, name: str = "<input>", encoding: str | None = None) -> tuple[str, str]:
    if not data:
        raise InputError(f"{name}: the file is empty; give a file with the text of a law")
    if encoding is not None:
        try:
            info = codecs.lookup(encoding)
        except (LookupError, ValueError):
            raise InputError(f"{name}: unknown encoding {encoding!r}; use e.g. utf-8, gb18030, utf-16") from None
        if not getattr(info, "_is_text_encoding", True):  # rot13, base64, zlib: codecs, not text encodings
            raise InputError(f"{name}: {encoding!r} is not a text encoding; use e.g. utf-8, gb18030, utf-16")
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name}: bytes at offset {exc.start} are not valid {encoding}; "
                "check --encoding (omit it to detect UTF-8/UTF-16/GB18030)"
            ) from None
        except (UnicodeError, LookupError, ValueError):
            raise InputError(f"{name}: cannot be decoded as {encoding}; "
                             "check --encoding (omit it to detect UTF-8/UTF-16/GB18030)") from None
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
        if utf8_err.end == len(data) and utf8_err.reason == "unexpected end of data":
            # a UTF-8 text cut in the middle of a character (an interrupted download or copy)
            raise InputError(
                f"{name}: ends in the middle of a UTF-8 character (offset {utf8_err.start}), so the file looks "
                "truncated; re-save or re-download it (or pass --encoding if it is not UTF-8)"
            ) from None
        if _UTF8_CJK_RUN.search(data):
            # decoding it all as GB18030 could "succeed" and turn the UTF-8 part into mojibake
            line = data.count(b"\n", 0, utf8_err.start) + 1
            raise InputError(
                f"{name}: mixes encodings: it contains UTF-8 text but the bytes at offset {utf8_err.start} "
                f"(line {line}) are not UTF-8; re-save the whole file in one encoding (UTF-8)"
            ) from None
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
    if _SURROGATE.search(text):  # only a codec such as unicode_escape makes these; they cannot be printed
        raise InputError(f"{name}: decodes to unpaired surrogate characters, which are not text; "
                         "check --encoding (omit it to detect UTF-8/UTF-16/GB18030)")
    controls = sum(1 for c in text[:20000] if ord(c) < 32 and c not in "\n\t\f\v")
    if controls > 8:
        raise InputError(f"{name}: contains control characters, so it is binary, not text; "
                         "save the law as a .txt or .md file first")
    return text
