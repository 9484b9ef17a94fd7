"""Numbers in a clause, each with the role it plays in the norm: fine, sentence, threshold, period, …

Why roles: a number means nothing by itself.  A higher fine binds harder; a higher threshold of
applicability (注册资本达到一亿元的 → 三亿元) covers fewer parties; a longer period to comply (十日内 →
三十日内) binds less; a less frequent report (每季度 → 每半年) binds less; a higher age limit in 未满十四周岁 →
未满十八周岁 widens the protected group.  The role comes from the words around the number and from the
part of the clause it sits in (a condition ending in 的 makes money a threshold); the lexicon's
``quantities`` section says which way each role binds harder.

Texts given here are match texts (width-folded character by character: offsets are those of the text
as printed, digits ASCII, ``，`` reads ``,``).
"""

from __future__ import annotations

import re

from lawdiff.model import Comparator, Quantity, QuantityRole
from lawdiff.text.numerals import cn_number

_CN_NUM = r"[0-9][0-9.,]*|[零〇一二两三四五六七八九十百千万亿]+"
_NUM = rf"(?:{_CN_NUM})(?:[万亿])?"

# --------------------------------------------------------------------------------------------- Chinese

_ZH_MONEY = re.compile(rf"(?P<n>{_NUM})(?P<scale>万|亿)?(?:余|多)?元")
_ZH_PERCENT = re.compile(rf"百分之(?P<n>{_CN_NUM})|(?P<d>[0-9][0-9.]*)%|千分之(?P<k>{_CN_NUM})|(?P<kd>[0-9][0-9.]*)‰|"
                         rf"(?P<fd>[一二三四五六七八九十]|[0-9]+)分之(?P<fn>[一二三四五六七八九十]|[0-9]+)|(?P<half>过半数|超过半数|半数以上)")
# a share that must agree, vote or sign (三分之二以上的业主同意, 过半数通过): the floor of a required majority
_CONSENT = re.compile(r"[^,;。\n]{0,16}?(?:同意|通过|表决|赞成|签字|签名|认可)")
_ZH_MULTIPLE = re.compile(rf"(?P<n>{_CN_NUM})倍")
_ZH_TIME = re.compile(rf"(?<![上下本前])(?P<n>{_CN_NUM}|半)(?:个)?(?P<u>小时|工作日|日|天|周|星期|月|年)(?P<tail>(?:以内|之内|内|以上|以下|以后|后|前)?)(?!度)")
_ZH_EVERY = re.compile(r"每(?P<n>[一二两三四五六七八九十0-9]*)(?:个)?(?P<u>半年|季度|年度|学年|学期|年|月|周|星期|日|天)(?:[^,;。\n]{0,8}?(?P<k>[一二两三四五六七八九十0-9]+)次)?")
_ZH_AGE = re.compile(rf"(?P<pre>未满|不满|已满|满|年满)?(?P<n>{_CN_NUM})周岁(?P<tail>以上|以下|以内)?")
# (第三人 is a party to a suit, 第二审 an instance: an ordinal is no count)
_ZH_COUNT = re.compile(rf"(?<!第)(?P<n>{_CN_NUM})(?P<u>人次|人|名|户|家|个|件|次|台|辆|头|只|株|张|间|套|座|栋|幢|床|位|份|学时|课时|千克|公斤|克|吨|"
                       rf"立方米|平方公里|平方米|公顷|亩|公里|千瓦|米)(?P<tail>以上|以下|以内)?")
_ZH_SENTENCE = re.compile(rf"(?P<n>{_CN_NUM}|半)(?:个)?(?P<u>年|月)(?P<tail>以上|以下)?(?=[^,;。\n]{{0,12}}(?:有期徒刑|拘役|管制))")

_DAYS = {"小时": 1 / 24, "日": 1.0, "天": 1.0, "工作日": 7 / 5, "周": 7.0, "星期": 7.0, "月": 30.0, "年": 365.0,
         "季度": 91.25, "半年": 182.5, "年度": 365.0,
         "学年": 365.0, "学期": 182.5}
_BEFORE_MIN = re.compile(r"(?:达到|(?<![不得应])超过|高于|(?<![不未])满|不低于|不少于|大于)$")
_BEFORE_MAX = re.compile(r"(?:限[养购载乘住售]?|不足|未满|不满|低于|不超过|不得超过|不应超过|最长不超过|最多|最长|不高于|少于|小于|未达到)$")
# 不得超过四个月, 最长不超过三十日: a time cap (how long something may last or take at most)
_CAP_BEFORE = re.compile(r"(?:不得超过|不应超过|不超过|最长|最多)(?:为)?$")
_FINE_WORD = re.compile(r"罚款|罚金|处罚")
_SENT_WORD = re.compile(r"有期徒刑|拘役|管制")
_BAN_AFTER = re.compile(r"^(?:内|以内)?[^,;。\n]{0,3}不得")
# 以六个月总额计算, 按二十年计算: a number of months or years that an amount to pay is computed over
_COMPUTED = re.compile(r"^(?:的)?(?:总额|平均工资|收入)?(?:标准)?计算")
# 每年3月31日前: a deadline by a date of the year (a later date gives more time)
_ZH_DATE = re.compile(r"每年(?:的)?(?P<m>[0-9]{1,2}|[一二三四五六七八九十]{1,3})月(?:(?P<d>[0-9]{1,2}|[一二三四五六七八九十]{1,3})日|"
                      r"(?P<end>底|末|份))(?:前|之前|以前)")


def _num(s: str) -> float | None:
    if s == "半":
        return 0.5
    if re.fullmatch(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?", s):
        s = s.replace(",", "")
    return cn_number(s.rstrip(".,"))


def _comparator(text: str, start: int, end: int, tail: str = "") -> Comparator:
    after = tail or text[end : end + 2]
    if after.startswith(("以上", "起", "多", "余")):
        return Comparator.AT_LEAST
    if after.startswith(("以下", "以内", "内")):
        return Comparator.AT_MOST
    before = text[max(0, start - 4) : start]
    if _BEFORE_MIN.search(before):
        return Comparator.AT_LEAST
    if _BEFORE_MAX.search(before):
        return Comparator.AT_MOST
    return Comparator.EXACT


_VALIDITY = re.compile(r"有效期(?:限)?(?:为|是|最长为|不超过|延续)?$")  # how long a licence or certificate lasts
# 交付前十五日, 举办前二十日: the event, then 前, then the lead (the number-first form is read in the time loop)
_EVENTS = "届满|到期|期满|开工|开始|举办|举行|施工|实施|使用|营业|开业|终止|停业|歇业|开庭|召开|交付|出售|销售"
_ZH_LEAD = re.compile(rf"(?:{_EVENTS})"
                      rf"前(?P<n>{_CN_NUM})(?:个)?(?P<u>工作日|日|天|月)")
_EVENT_BEFORE = re.compile(rf"(?:{_EVENTS})$")
_KEEP = re.compile(r"(?:保存|保留|留存|存储|储存|保管|存档)[^,;。，；]{0,24}$")


def zh_quantities(part: str, base: int, *, condition: bool) -> list[Quantity]:
    """Quantities in one clause part (text between commas) of a Chinese clause.

    ``condition``: the part is a condition (…的), which makes money, counts and times thresholds."""
    out: list[Quantity] = []
    if not _ZH_ANY.search(part):
        return out  # no numeral, 半, 每 or 立即/即时: none of the patterns below can match (most parts)
    taken: list[tuple[int, int]] = []

    def add(role: QuantityRole, value: float | None, unit: str, comp: Comparator, m: re.Match[str]) -> None:
        if value is None:
            return
        s, e = m.start(), m.end()
        if any(a < e and s < b for a, b in taken):
            return
        taken.append((s, e))
        out.append(Quantity(role, value, unit, comp, part[s:e], base + s, base + e))

    fine = bool(_FINE_WORD.search(part))
    for m in _ZH_SENTENCE.finditer(part):
        v = _num(m.group("n"))
        add(QuantityRole.SENTENCE, None if v is None else v * _DAYS[m.group("u")], "days",
            _comparator(part, m.start(), m.end(), m.group("tail")), m)
    for m in _ZH_AGE.finditer(part):
        pre, tail = m.group("pre") or "", m.group("tail") or ""
        comp = (Comparator.AT_MOST if pre in ("未满", "不满") or tail in ("以下", "以内")
                else Comparator.AT_LEAST if pre in ("已满", "满", "年满") or tail == "以上" else Comparator.EXACT)
        add(QuantityRole.AGE, _num(m.group("n")), "years", comp, m)
    for m in _ZH_NOW.finditer(part):
        if not condition:
            add(QuantityRole.PERIOD, 0.0, "days", Comparator.AT_MOST, m)
    for m in _ZH_DATE.finditer(part):
        mo = _num(m.group("m"))
        dd = 30.4 if m.group("end") else _num(m.group("d"))  # 三月底前: by the end of March
        if mo is not None and dd is not None and 1 <= mo <= 12 and 1 <= dd <= 31:
            add(QuantityRole.PERIOD, (mo - 1) * 30.4 + dd, "day-of-year", Comparator.AT_MOST, m)
    for m in _ZH_EVERY.finditer(part):
        n = _num(m.group("n")) if m.group("n") else 1.0
        k = _num(m.group("k")) if m.group("k") else 1.0
        if n and k:
            add(QuantityRole.FREQUENCY, n * _DAYS[m.group("u")] / k, "days", Comparator.EXACT, m)
    for m in _ZH_MONEY.finditer(part):
        v = _num(m.group("n"))
        if v is not None and m.group("scale"):
            v *= 10_000 if m.group("scale") == "万" else 100_000_000
        role = QuantityRole.FINE if fine and not condition else QuantityRole.THRESHOLD if condition else QuantityRole.AMOUNT
        add(role, v, "money", _comparator(part, m.start(), m.end()), m)
    for m in _ZH_PERCENT.finditer(part):
        comp = _comparator(part, m.start(), m.end())
        if m.group("k") or m.group("kd"):  # 千分之五: per mille, as a percentage
            k = _num(m.group("k") or m.group("kd"))
            v = None if k is None else k / 10
        elif m.group("fd"):  # 三分之二: a fraction, as a percentage
            fd, fn = _num(m.group("fd")), _num(m.group("fn"))
            v = None if not fd or fn is None else round(100 * fn / fd, 2)
        elif m.group("half"):  # 过半数, 半数以上: more than half
            v, comp = 50.0, Comparator.AT_LEAST
        else:
            v = _num(m.group("n")) if m.group("n") else _num(m.group("d"))
        role = QuantityRole.FINE if fine and not condition else QuantityRole.THRESHOLD if condition else \
            QuantityRole.COUNT if _CONSENT.match(part, m.end()) else QuantityRole.AMOUNT
        add(role, v, "percent", comp, m)
    for m in _ZH_MULTIPLE.finditer(part):
        role = QuantityRole.FINE if fine and not condition else QuantityRole.THRESHOLD if condition else QuantityRole.AMOUNT
        add(role, _num(m.group("n")), "multiple", _comparator(part, m.start(), m.end()), m)
    for m in _ZH_TIME.finditer(part):
        v = _num(m.group("n"))
        if v is None:
            continue
        tail = m.group("tail") or ""
        days = v * _DAYS[m.group("u")]
        if _BAN_AFTER.match(part[m.end() - len(tail):]) or tail in ("以上",) and not condition:
            add(QuantityRole.DURATION, days, "days", Comparator.EXACT, m)
        elif condition:
            add(QuantityRole.THRESHOLD, days, "days", _comparator(part, m.start(), m.end(), tail), m)
        elif tail in ("以内", "之内", "内") or re.match(r"(?:以内|之内|内)", part[m.end():m.end() + 2]):
            add(QuantityRole.PERIOD, days, "days", Comparator.AT_MOST, m)
        elif _CAP_BEFORE.search(part[max(0, m.start() - 6): m.start()]) and not condition:
            add(QuantityRole.PERIOD, days, "days", Comparator.AT_MOST, m)  # 审理期限累计不得超过四个月
        elif _VALIDITY.search(part[max(0, m.start() - 8): m.start()]) and not condition:
            add(QuantityRole.DURATION, days, "days", _comparator(part, m.start(), m.end(), tail), m)  # 有效期为三年
        elif tail in ("前",) and _EVENT_BEFORE.search(part[max(0, m.start() - 10): m.start()]) and not condition:
            add(QuantityRole.LEAD, days, "days", Comparator.EXACT, m)  # 有效期届满三十日前提出申请
        elif _COMPUTED.match(part[m.end():]) and not condition:
            add(QuantityRole.AMOUNT, days, "days", Comparator.EXACT, m)
        elif _KEEP.search(part[: m.start()]):
            # 保存…三年, 留存期限不少于六个月: how long a record must be kept — longer binds harder
            add(QuantityRole.DURATION, days, "days", _comparator(part, m.start(), m.end(), tail), m)
    for m in _ZH_LEAD.finditer(part):
        v = _num(m.group("n"))
        if v is not None and not condition:
            add(QuantityRole.LEAD, v * _DAYS[m.group("u")], "days", Comparator.EXACT, m)
    for m in _ZH_COUNT.finditer(part):
        per = part[max(0, m.start() - 1): m.start()] == "每" and not condition
        # 每二百五十平方米水面配备一名: a denominator — a larger one requires less, as a higher cap allows more
        add(QuantityRole.THRESHOLD if condition else QuantityRole.COUNT, _num(m.group("n")), "count:" + m.group("u"),
            Comparator.AT_MOST if per else _comparator(part, m.start(), m.end(), m.group("tail") or ""), m)
    out.sort(key=lambda q: q.start)
    return out


# --------------------------------------------------------------------------------------------- English

_EN_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "ninety": 90, "hundred": 100,
}
_EN_NUM = r"\d{1,3}(?:[  ]\d{3})+(?:[.,]\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?"
_EN_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_EN_MONEY = re.compile(
    rf"(?:EUR|€|USD|\$|GBP|£)\s?(?P<a>{_EN_NUM})(?:\s(?P<sa>thousand|million|billion))?"
    rf"|(?P<b>{_EN_NUM})(?:\s(?P<sb>thousand|million|billion))?\s?(?:EUR|euros?|€|pounds?)\b", re.IGNORECASE)
# 12 months' imprisonment, imprisonment for a term not exceeding two years
_EN_SENTENCE = re.compile(rf"\b(?P<n>{_EN_NUM}|[a-z]+)\s+(?P<u>month|year)s?'?\s+imprisonment\b|"
                          rf"\bimprisonment for (?:a term )?(?:not exceeding |of up to |of )?(?P<n2>{_EN_NUM}|[a-z]+)\s+"
                          rf"(?P<u2>month|year)s?\b", re.IGNORECASE)
_EN_PERCENT = re.compile(rf"(?P<n>{_EN_NUM})\s?(?:%|per ?cent\b)", re.IGNORECASE)
_EN_TIME = re.compile(
    rf"\b(?P<pre>within|no later than|not later than|at the latest|for at least|for a minimum(?: period)? of|"
    rf"at least|for a (?:maximum )?period of|"
    rf"for|after|before|up to|of)\s+(?:a period of\s+)?(?:the\s+)?(?P<n>{_EN_NUM}|[a-z]+)\s+"
    r"(?P<u>(?:working |business |calendar )?(?:hour|day|week|month|year))s?\b", re.IGNORECASE)
# immediately, forthwith: a time limit of no time at all (a later "within 15 days" gives more time)
_EN_NOW = re.compile(r"\b(?:immediately|forthwith|without delay)\b", re.IGNORECASE)
_ZH_NOW = re.compile(r"立即|立刻|即时(?!通讯|通信)")
# A character every match of a Chinese pattern above holds (a numeral of _CN_NUM, 半 of 半年 and 过半数, 每 of
# 每年, 立 or 即 of _ZH_NOW): a part without one has no quantity, and zh_quantities skips its eleven scans
# (four parts in five on the civil code).  A pattern that can match without one must add its character here
# (tests/test_speed_levers.py runs the patterns with this shortcut off).
_ZH_ANY = re.compile(r"[0-9零〇一二两三四五六七八九十百千万亿半每立即]")
_EN_EVERY = re.compile(r"\b(?:every\s+(?P<n>\d+|[a-z]+)?\s*(?P<u>day|week|month|year)s?|(?P<adv>annual(?:ly)?|"
                       r"yearly|monthly|quarterly|weekly|daily|biennial(?:ly)?|semi-annual(?:ly)?)|(?P<k>once|twice)\s+(?:a|per|every)\s+(?P<u2>year|"
                       r"month|week))\b", re.IGNORECASE)
_EN_COUNT = re.compile(rf"\b(?P<pre>more than|fewer than|less than|at least|at most|up to|over|under|"
                       rf"exceeding|below)?\s*(?P<n>{_EN_NUM})\s+(?P<u>persons|employees|people|users|"
                       rf"members|staff|workers|recipients|units)\b", re.IGNORECASE)
_EN_AGE = re.compile(r"\b(?:under|below|over|above)?\s*(?:the age of\s+)?(?P<n>\d+)\s+years of age\b|"
                     r"\bage of (?P<m>\d+)\b", re.IGNORECASE)
_EN_DAYS = {"hour": 1 / 24, "day": 1.0, "week": 7.0, "month": 30.0, "year": 365.0}
_EN_ADV = {"annually": 365.0, "annual": 365.0, "biennial": 730.0, "biennially": 730.0, "semi-annual": 182.5,
           "semi-annually": 182.5, "yearly": 365.0, "monthly": 30.0, "quarterly": 91.25, "weekly": 7.0, "daily": 1.0}
_EN_FINE_WORD = re.compile(r"\bfines?\b|\bpenalt(?:y|ies)\b", re.IGNORECASE)


def en_number(s: str) -> float | None:
    """'10 000 000' -> 1e7, '1,5' -> 1.5 (a decimal comma), '1,000' -> 1000, 'thirty' -> 30."""
    s = s.strip().replace("\u00a0", " ").replace("\u202f", " ")
    if not s:
        return None
    low = s.lower()
    if low in _EN_WORDS:
        return float(_EN_WORDS[low])
    if re.fullmatch(r"\d{1,3}(?: \d{3})+(?:[.,]\d+)?", s):
        s = s.replace(" ", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", s):
        s = s.replace(",", "")
    elif re.fullmatch(r"\d+,\d+", s):
        s = s.replace(",", ".")  # EU decimal comma: 1,5 % is one and a half percent
    try:
        return float(s)
    except ValueError:
        return None


#: Every English quantity pattern needs a digit or one of these words (lower-cased; the patterns ignore
#: case): a part with neither has no quantity, and is not scanned six times to find that out.
_EN_NEEDS = ("immediately", "forthwith", "without delay", "hour", "day", "week", "month", "year", "daily", "annual", "biennial", "quarterly", "every", "once", "twice")
_DIGIT = re.compile(r"\d")


def en_quantities(part: str, base: int, *, condition: bool) -> list[Quantity]:
    """Quantities in one English clause part (between semicolons / commas)."""
    if not _DIGIT.search(part):
        low = part.lower()
        if not any(w in low for w in _EN_NEEDS):
            return []
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    fine = bool(_EN_FINE_WORD.search(part))

    def add(role: QuantityRole, value: float | None, unit: str, comp: Comparator, m: re.Match[str]) -> None:
        if value is None:
            return
        s, e = m.start(), m.end()
        if any(a < e and s < b for a, b in taken):
            return
        taken.append((s, e))
        out.append(Quantity(role, value, unit, comp, part[s:e], base + s, base + e))

    money_role = QuantityRole.FINE if fine else QuantityRole.THRESHOLD if condition else QuantityRole.AMOUNT
    for m in _EN_MONEY.finditer(part):
        v = en_number(m.group("a") or m.group("b") or "")
        scale = m.group("sa") or m.group("sb")
        if v is not None and scale:
            v *= _EN_SCALE[scale.lower()]
        before = part[max(0, m.start() - 12) : m.start()].lower()
        comp = Comparator.AT_MOST if "up to" in before else Comparator.AT_LEAST if "at least" in before else Comparator.EXACT
        add(money_role, v, "money", comp, m)
    for m in _EN_PERCENT.finditer(part):
        before = part[max(0, m.start() - 12) : m.start()].lower()
        comp = Comparator.AT_MOST if "up to" in before else Comparator.AT_LEAST if "at least" in before else Comparator.EXACT
        add(money_role, en_number(m.group("n")), "percent", comp, m)
    for m in _EN_SENTENCE.finditer(part):
        n = en_number(m.group("n") or m.group("n2") or "")
        if n is not None:
            add(QuantityRole.SENTENCE, n * _EN_DAYS[(m.group("u") or m.group("u2")).lower()], "days", Comparator.AT_MOST, m)
    for m in _EN_NOW.finditer(part):
        if not condition:
            add(QuantityRole.PERIOD, 0.0, "days", Comparator.AT_MOST, m)
    for m in _EN_EVERY.finditer(part):
        if m.group("adv"):
            add(QuantityRole.FREQUENCY, _EN_ADV[m.group("adv").lower()], "days", Comparator.EXACT, m)
        elif m.group("k"):
            k = 1.0 if m.group("k").lower() == "once" else 2.0
            add(QuantityRole.FREQUENCY, _EN_DAYS[m.group("u2").lower()] / k, "days", Comparator.EXACT, m)
        else:
            n = en_number(m.group("n")) if m.group("n") else 1.0
            if n:
                add(QuantityRole.FREQUENCY, n * _EN_DAYS[m.group("u").lower()], "days", Comparator.EXACT, m)
    for m in _EN_TIME.finditer(part):
        n = en_number(m.group("n"))
        unit = m.group("u").lower().split()[-1]
        if n is None:
            continue
        days = n * _EN_DAYS[unit] * (7 / 5 if m.group("u").lower().startswith(("working", "business")) else 1)
        pre = m.group("pre").lower()
        if pre in ("within", "no later than", "not later than", "at the latest"):
            add(QuantityRole.THRESHOLD if condition else QuantityRole.PERIOD, days, "days", Comparator.AT_MOST, m)
        elif pre.startswith("for"):
            add(QuantityRole.DURATION, days, "days", Comparator.EXACT, m)
    for m in _EN_COUNT.finditer(part):
        pre = (m.group("pre") or "").lower()
        comp = (Comparator.AT_LEAST if pre in ("more than", "at least", "over", "exceeding")
                else Comparator.AT_MOST if pre else Comparator.EXACT)
        add(QuantityRole.THRESHOLD, en_number(m.group("n")), "count:" + m.group("u").lower(), comp, m)
    for m in _EN_AGE.finditer(part):
        before = part[max(0, m.start() - 10) : m.end()].lower()
        comp = Comparator.AT_MOST if ("under" in before or "below" in before) else Comparator.AT_LEAST
        add(QuantityRole.AGE, en_number(m.group("n") or m.group("m") or ""), "years", comp, m)
    out.sort(key=lambda q: q.start)
    return out


__all__ = ["en_number", "en_quantities", "zh_quantities"]
