"""Realistic text edits for the mutation benchmark, each with the label a lawyer would give it.

Every edit takes the lines of one article and a seeded ``random.Random`` and returns the new lines, or
``None`` when the article has nothing the edit can act on (the generator then tries another article).
The label of each edit is fixed in :data:`LABELS`; the reasoning, from the regulated party's side:

* 应当 -> 可以 relaxed, 可以 -> 应当 tightened; a clause with 不得 dropped (or 不得 -> 不宜) relaxed,
  a 不得 clause added tightened;
* a deadline (N日内, N个月内, N年内, 期间为N年) shortened tightened, lengthened relaxed — by convention,
  even where the deadline binds an authority;
* a fine (N元 / N万元 / 百分之N in a line about 罚款) raised tightened, lowered relaxed;
* a clause with 应当 dropped relaxed, a "，并应当…" duty added tightened;
* a neutral (definitional) sentence inserted, a synonym swapped (依照/按照), a punctuation mark changed (，->；):
  reworded;
* punctuation changed only in width (，->,): unchanged, because lawdiff compares width-folded text.
"""

from __future__ import annotations

import random
import re

_CN_DIGITS = "零一二三四五六七八九"


def int_to_cn(n: int) -> str:
    """1260 -> 一千二百六十, 1205 -> 一千二百零五, 10 -> 十, 110 -> 一百一十 (statute style)."""
    if n < 0:
        raise ValueError(n)
    if n < 10:
        return _CN_DIGITS[n]
    if n >= 10000:
        hi, lo = divmod(n, 10000)
        out = int_to_cn(hi) + "万"
        if lo:
            out += ("零" if lo < 1000 else "") + _below_10k(lo, top=False)
        return out
    return _below_10k(n, top=True)


def _below_10k(n: int, *, top: bool) -> str:
    parts: list[str] = []
    zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, value)
        if d == 0:
            zero = bool(parts)
            continue
        if zero:
            parts.append("零")
            zero = False
        parts.append("十" if unit == "十" and d == 1 and not parts and top else _CN_DIGITS[d] + unit)
    return "".join(parts)


def _cn_to_int(s: str) -> int | None:
    from lawdiff.text.numerals import cn_to_int

    return cn_to_int(s)


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else _cn_to_int(text)


def _format_like(original: str, value: int) -> str:
    return str(value) if original.isdigit() else int_to_cn(value)


def _pick_match(lines: list[str], pattern: re.Pattern[str], rng: random.Random, where=None):
    hits = [(i, m) for i, line in enumerate(lines) if where is None or where(line) for m in pattern.finditer(line)]
    return rng.choice(hits) if hits else None


def _replace(lines: list[str], i: int, start: int, end: int, new: str) -> list[str]:
    out = list(lines)
    out[i] = out[i][:start] + new + out[i][end:]
    return out


# ----------------------------------------------------------------------------- modal verbs

_SHALL = re.compile(r"(?<![不相理])应当(?!事)")
_MAY = re.compile(r"(?<![不])可以(?!上|下|外)")


def modal_relax(lines: list[str], rng: random.Random) -> list[str] | None:
    hit = _pick_match(lines, _SHALL, rng)
    return _replace(lines, hit[0], hit[1].start(), hit[1].end(), "可以") if hit else None


def modal_tighten(lines: list[str], rng: random.Random) -> list[str] | None:
    hit = _pick_match(lines, _MAY, rng)
    return _replace(lines, hit[0], hit[1].start(), hit[1].end(), "应当") if hit else None


# ----------------------------------------------------------------------------- prohibitions

_CLAUSE = re.compile(r"[^，；。：]+")


def _clauses(line: str) -> list[tuple[int, int, int]]:
    """Comma/semicolon clauses of a line with their sentence index."""
    out = []
    sentence = 0
    for m in _CLAUSE.finditer(line):
        out.append((m.start(), m.end(), sentence))
        if m.end() < len(line) and line[m.end()] == "。":
            sentence += 1
    return out


def prohibition_removed(lines: list[str], rng: random.Random) -> list[str] | None:
    """Drop one clause carrying 不得 from a sentence that keeps at least one other clause."""
    options = _droppable(lines, "不得", lead=False)
    if not options:
        return None
    i, s, e = rng.choice(options)
    return _replace(lines, i, s, e, "")


def prohibition_softened(lines: list[str], rng: random.Random) -> list[str] | None:
    hit = _pick_match(lines, re.compile("不得"), rng)
    return _replace(lines, hit[0], hit[1].start(), hit[1].end(), "不宜") if hit else None


_NEW_PROHIBITIONS = ("不得损害他人合法权益", "不得泄露所知悉的个人信息", "不得擅自变更用途", "不得收取额外费用",
                     "不得拒绝或者拖延", "不得以任何形式规避")


def prohibition_added(lines: list[str], rng: random.Random) -> list[str] | None:
    ends = [i for i, line in enumerate(lines) if line.endswith("。") and len(line) > 12 and "不得" not in line]
    if not ends:
        return None
    i = rng.choice(ends)
    return _replace(lines, i, len(lines[i]) - 1, len(lines[i]) - 1, "，" + rng.choice(_NEW_PROHIBITIONS))


# ----------------------------------------------------------------------------- deadlines and fines

_NUM = r"[零一二两三四五六七八九十百]+|\d{1,3}"
_DEADLINE = re.compile(rf"(?:(?<=期间为)|(?<=期限为))({_NUM})(日|个月|年)|({_NUM})(日|个月|年)(?=内|以内)")
_NICE = {"日": (3, 5, 7, 10, 15, 20, 30, 45, 60, 90, 180), "个月": (1, 2, 3, 6, 9, 12, 18, 24),
         "年": (1, 2, 3, 5, 10, 20)}


def deadline_changed(lines: list[str], rng: random.Random) -> tuple[list[str], str] | None:
    """Shorten (tightened) or lengthen (relaxed) one deadline to the next customary value."""
    hit = _pick_match(lines, _DEADLINE, rng)
    if not hit:
        return None
    i, m = hit
    grp = 1 if m.group(1) else 3
    raw, unit = m.group(grp), m.group(grp + 1)
    value = _number(raw)
    if value is None:
        return None
    shorter = [v for v in _NICE[unit] if v < value]
    longer = [v for v in _NICE[unit] if v > value]
    shorten = rng.random() < 0.6
    if shorten and not shorter or not shorten and not longer:
        shorten = not shorten
    new = shorter[-1] if shorten else (longer[0] if longer else None)
    if new is None:
        return None
    label = "tightened" if shorten else "relaxed"
    return _replace(lines, i, m.start(grp), m.end(grp), _format_like(raw, new)), label


_AMOUNT = re.compile(r"(?<=百分之)([一二三四五六七八九十]+|\d+)|([零一二两三四五六七八九十百千]+|\d+)(?=万元|元)")


def fine_changed(lines: list[str], rng: random.Random) -> tuple[list[str], str] | None:
    """Raise (tightened) or halve (relaxed) every amount of one line about a fine (罚款)."""
    options = [i for i, line in enumerate(lines) if "罚款" in line and _AMOUNT.search(line)]
    if not options:
        return None
    i = rng.choice(options)
    raise_ = rng.random() < 0.6
    values = [_number(m.group(0)) for m in _AMOUNT.finditer(lines[i])]
    if any(v is None for v in values) or not raise_ and any(v % 2 for v in values if v):
        raise_ = True
    if any(v is None for v in values):
        return None

    def scaled(m: re.Match[str]) -> str:
        v = _number(m.group(0)) or 0
        return _format_like(m.group(0), v * 2 if raise_ else v // 2)

    out = list(lines)
    out[i] = _AMOUNT.sub(scaled, lines[i])
    return out, "tightened" if raise_ else "relaxed"


# ----------------------------------------------------------------------------- neutral rewording

_DEFINED = ("期间", "有关事项", "相关主体", "书面形式", "有关部门")


def clause_added(lines: list[str], rng: random.Random) -> list[str] | None:
    """Append a definitional sentence ("本条所称期间，按照本法有关规定确定。"): reworded."""
    i = len(lines) - 1
    if not lines or not lines[i].endswith("。"):
        return None
    return _replace(lines, i, len(lines[i]), len(lines[i]), f"本条所称{rng.choice(_DEFINED)}，按照本法有关规定确定。")


_MODAL_WORDS = ("应当", "不得", "可以", "有权", "必须", "禁止")


def _droppable(lines: list[str], word: str, *, lead: bool) -> list[tuple[int, int, int]]:
    """Spans (line, start, end) of clauses with ``word`` that can go and leave a sound sentence: never the
    first clause of its sentence (the subject), no condition (…的, …时, …后) in the sentence, no
    exception (但是/除外) in or just before the clause, and no "并…" clause leaning on it.  With ``lead`` the clause must start with the word (", 并应当…") and
    another clause of the sentence must keep a modal verb (a list of parallel duties)."""
    options = []
    for i, line in enumerate(lines):
        cl = _clauses(line)
        for k, (s, e, sent) in enumerate(cl):
            text = line[s:e]
            if k == 0 or cl[k - 1][2] != sent or word not in text or "除外" in text or "但是" in text:
                continue
            same = [c for c in cl if c[2] == sent]
            if any(line[c[0]:c[1]].endswith(("的", "时", "后", "前", "外")) for c in same):
                continue  # a condition or a time clause would be left dangling
            if line[cl[k - 1][0]:cl[k - 1][1]].endswith(("但是", "但")):
                continue
            if k + 1 < len(cl) and cl[k + 1][2] == sent and re.match("^(并|也|还|且|同时)", line[cl[k + 1][0]:]):
                continue  # the next clause leans on this one
            if lead and not (re.match(f"^(并|也|还|且)?{word}", text) and any(
                    w in line[c[0]:c[1]] for c in same if c[0] != s for w in _MODAL_WORDS)):
                continue
            options.append((i, s - 1, e))  # with the comma before it
    return options


def obligation_removed(lines: list[str], rng: random.Random) -> list[str] | None:
    """Drop one clause carrying 应当 (a duty goes): relaxed."""
    options = _droppable(lines, "应当", lead=True)
    if not options:
        return None
    i, s, e = rng.choice(options)
    return _replace(lines, i, s, e, "")


_NEW_DUTIES = ("并应当及时告知有关当事人", "并应当采取必要措施", "并应当作出书面说明", "并应当保存相关记录")


def obligation_added(lines: list[str], rng: random.Random) -> list[str] | None:
    """Append "，并应当…" to a sentence (a new duty): tightened."""
    ends = [i for i, line in enumerate(lines) if line.endswith("。") and len(line) > 12 and "并应当" not in line]
    if not ends:
        return None
    i = rng.choice(ends)
    return _replace(lines, i, len(lines[i]) - 1, len(lines[i]) - 1, "，" + rng.choice(_NEW_DUTIES))


_SYNONYMS = (("依照", "按照"), ("有关", "相关"), ("以及", "和"), ("或者", "或"), ("其他", "其它"))


def synonym(lines: list[str], rng: random.Random) -> list[str] | None:
    options = [(i, m, new) for old, new in _SYNONYMS for i, line in enumerate(lines)
               for m in re.finditer(old, line)]
    if not options:
        return None
    i, m, new = rng.choice(options)
    return _replace(lines, i, m.start(), m.end(), new)


_WIDTH = str.maketrans({"，": ",", "；": ";", "：": ":"})


def punct_width(lines: list[str], rng: random.Random) -> list[str] | None:
    """Full-width ，；： -> ASCII in one line: the same marks, so unchanged."""
    options = [i for i, line in enumerate(lines) if any(c in line for c in "，；：")]
    if not options:
        return None
    i = rng.choice(options)
    out = list(lines)
    out[i] = out[i].translate(_WIDTH)
    return out


def punct_mark(lines: list[str], rng: random.Random) -> list[str] | None:
    """One ， -> ； or 、 -> ， : a different mark, so reworded."""
    options = [(i, j, "；" if c == "，" else "，") for i, line in enumerate(lines) for j, c in enumerate(line)
               if c in "，、" and 0 < j < len(line) - 1 and not line[:j].endswith("但是")]
    if not options:
        return None
    i, j, new = rng.choice(options)
    return _replace(lines, i, j, j + 1, new)


#: op name -> (function, label); a label of None means the function returns (lines, label).
EDITS = {
    "modal-relax": (modal_relax, "relaxed"),
    "modal-tighten": (modal_tighten, "tightened"),
    "prohibition-removed": (prohibition_removed, "relaxed"),
    "prohibition-softened": (prohibition_softened, "relaxed"),
    "prohibition-added": (prohibition_added, "tightened"),
    "deadline": (deadline_changed, None),
    "fine": (fine_changed, None),
    "clause-added": (clause_added, "reworded"),
    "obligation-removed": (obligation_removed, "relaxed"),
    "obligation-added": (obligation_added, "tightened"),
    "synonym": (synonym, "reworded"),
    "punct-width": (punct_width, "unchanged"),
    "punct-mark": (punct_mark, "reworded"),
}

# ----------------------------------------------------------------------------- new articles

_ACTORS = ("国家", "县级以上地方人民政府", "有关主管部门", "经营者", "服务提供者", "行业组织", "数据处理者",
           "平台运营者", "网络运营者", "监督管理机构")
_MODES = ("应当", "可以", "鼓励", "应当积极")
_ACTS = ("建立健全{}制度", "加强{}管理", "定期开展{}评估", "依法公开{}信息", "完善{}机制", "组织开展{}培训")
_TOPICS = ("数据安全", "信息公开", "风险监测", "投诉处理", "应急处置", "合规审查", "信用评价", "技术标准",
           "人员培训", "档案管理", "质量控制", "用户权益保护")
_ENDS = ("，保障公众合法权益。", "，提高服务质量。", "，防范化解风险。", "，促进行业健康发展。", "。")
_SECOND = ("前款规定的具体办法，由国务院有关部门制定。", "有关单位和个人应当予以配合。",
           "相关信息应当及时向社会公布。")


def new_article(rng: random.Random, used: set[str]) -> list[str]:
    """A plausible article that appears nowhere in the source texts (templates over word lists)."""
    for _ in range(1000):
        actor, mode = rng.choice(_ACTORS), rng.choice(_MODES)
        act = rng.choice(_ACTS).format(rng.choice(_TOPICS))
        head = f"国家鼓励{actor}{act}" if mode == "鼓励" and actor != "国家" else f"{actor}{mode}{act}"
        first = head + rng.choice(_ENDS)
        if first not in used:
            used.add(first)
            return [first, rng.choice(_SECOND)] if rng.random() < 0.3 else [first]
    raise RuntimeError("ran out of distinct new articles")
