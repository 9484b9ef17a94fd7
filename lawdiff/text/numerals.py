"""Chinese and English numerals.  第一千二百六十条 -> 1260; 第12条 -> 12; "7.5 million" -> 7.5e6."""

from __future__ import annotations

from lawdiff.text.normalize import fold

_CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUMERAL_CHARS = "".join(_CN_DIGITS) + "".join(_CN_UNITS) + "万"


def cn_number(s: str) -> float | None:
    """五十万 -> 500000, 一百万 -> 1e6, 3 -> 3, 1.5万 -> 15000, 十五 -> 15; None if not a numeral."""
    s = s.strip()
    if not s:
        return None
    total = 0.0  # finished groups of 亿
    group = 0.0  # finished groups of 万 inside the current 亿 group
    section = 0.0  # 千/百/十 part
    digit: float | None = None
    i = 0
    while i < len(s):
        ch = s[i]
        if ch.isdigit() or ch == ".":
            j = i
            while j < len(s) and (s[j].isdigit() or s[j] == "."):
                j += 1
            try:
                digit = float(s[i:j])
            except ValueError:
                return None
            i = j
            continue
        if ch in _CN_DIGITS:
            digit = float(_CN_DIGITS[ch]) if digit is None or digit == 0 else digit * 10 + _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            section += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
        elif ch == "万":
            group += (section + (digit or 0)) * 10_000
            section, digit = 0.0, None
        elif ch == "亿":
            total += (group + section + (digit or 0)) * 100_000_000
            group, section, digit = 0.0, 0.0, None
        else:
            return None
        i += 1
    return total + group + section + (digit or 0)


def cn_to_int(s: str) -> int | None:
    """An article number: a Chinese numeral or digits (full-width too) read as an integer, else None."""
    s = fold(s).strip()
    if "." in s or not _well_formed(s):
        return None
    v = cn_number(s)
    if v is None or v != int(v):
        return None
    return int(v)


def _well_formed(s: str) -> bool:
    """Two digits in a row are only allowed in a positional numeral (一二〇) or Arabic digits: a typo such as
    十一一 must not quietly become 21."""
    if s.isdigit() or not any(c in _CN_UNITS or c == "万" for c in s):
        return True
    prev_digit = False
    for c in s:
        is_digit = c in _CN_DIGITS and _CN_DIGITS[c] != 0
        if is_digit and prev_digit:
            return False
        prev_digit = is_digit
    return True


_EN_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1,
}
_EN_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9}


def en_number(s: str) -> float | None:
    """'10 000 000' -> 1e7, '7.5 million' -> 7.5e6, 'thirty' -> 30, 'twenty-four' -> 24."""
    s = s.strip().lower().replace(",", " ")
    parts = s.split()
    scale = 1.0
    if parts and parts[-1] in _EN_SCALE:
        scale = _EN_SCALE[parts.pop()]
    if not parts:
        return None
    if all(p.replace(".", "", 1).isdigit() for p in parts):
        joined = "".join(parts)
        try:
            return float(joined) * scale
        except ValueError:
            return None
    total = 0
    for w in "-".join(parts).split("-"):
        if w not in _EN_WORDS:
            return None
        total += _EN_WORDS[w]
    return total * scale
