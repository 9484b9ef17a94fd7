"""Chinese and Roman numerals.  第一千二百六十条 -> 1260; 第12条 -> 12; CHAPTER XIII -> 13."""

from __future__ import annotations

from .normalize import fold

_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUMERAL_CHARS = "".join(_DIGITS) + "".join(_UNITS) + "万"


def cn_to_int(s: str) -> int | None:
    """Parse a Chinese numeral (or Arabic digits, full-width too).  None if it is not one."""
    s = fold(s).strip()
    if not s:
        return None
    if s.isdigit():
        return int(s)
    total = section = 0
    digit: int | None = None
    for ch in s:
        if ch in _DIGITS:
            if digit is not None and digit != 0 and ch not in "零〇○":
                # positional form such as 一二〇 — read digit by digit
                return _positional(s)
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        elif ch == "万":
            total += (section + (digit or 0)) * 10000
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def _positional(s: str) -> int | None:
    out = 0
    for ch in s:
        if ch not in _DIGITS:
            return None
        out = out * 10 + _DIGITS[ch]
    return out


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_to_int(s: str) -> int | None:
    s = s.upper()
    if not s or any(c not in _ROMAN for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        v = _ROMAN[c]
        total += -v if i + 1 < len(s) and _ROMAN[s[i + 1]] > v else v
    return total
