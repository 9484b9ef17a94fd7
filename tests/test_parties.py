"""Whose burden: the regulated parties of a run and the duty-bearer guess (lawdiff.classify.parties)."""

from __future__ import annotations

import pytest
from conftest import CORPORA

from lawdiff.classify.label import classify_texts
from lawdiff.classify.parties import DEFAULT, Parties, infer
from lawdiff.classify.rules import load_rules
from lawdiff.errors import CorpusError
from lawdiff.io.meta import load_meta
from lawdiff.model import Bearer, Label, Lang

REGULATED, AUTHORITY, COUNTERPARTY = Bearer.REGULATED, Bearer.AUTHORITY, Bearer.COUNTERPARTY

ZH = load_rules(Lang.ZH)
ADMIN = Parties.named(["行政复议机关", "行政复议机构", "被申请人", "行政机关"])


def _bearer(parties: Parties, text: str, word: str) -> str:
    pos = text.index(word)
    return parties.bearer(text, pos, pos + len(word))


def test_public_when_most_terms_are_authorities():
    assert ADMIN.public
    assert not Parties.named(["提供者"]).public
    assert not Parties.named(["经营者", "行业协会", "行政机关"]).public  # one authority in three
    assert not DEFAULT.public and DEFAULT.terms == ()


@pytest.mark.parametrize(
    ("text", "word", "default", "admin"),
    [
        ("提供者应当公开算法的基本原理。", "应当", REGULATED, COUNTERPARTY),
        ("网信部门应当加强监督检查。", "应当", AUTHORITY, REGULATED),
        ("行政复议机关受理行政复议申请,不得向申请人收取任何费用。", "不得", AUTHORITY, REGULATED),
        ("申请人应当自收到补正通知之日起十日内提交补正材料。", "应当", COUNTERPARTY, COUNTERPARTY),
        ("被申请人应当提出书面答复。", "应当", AUTHORITY, REGULATED),  # not 申请人
        # a condition names the applicant, the main clause binds the organ
        ("申请人请求听证的,行政复议机构可以组织听证。", "可以", AUTHORITY, REGULATED),
        # nobody named: the law's addressee
        ("生成的内容应当真实准确。", "应当", REGULATED, REGULATED),
        # an agent after the modal word (可以由…)
        ("申请人人数众多的,可以由申请人推选代表人。", "可以", COUNTERPARTY, COUNTERPARTY),
        # the object of a preposition is not the bearer
        ("对申请人的材料,应当妥善保管。", "应当", REGULATED, REGULATED),
    ],
)
def test_bearer(text, word, default, admin):
    assert _bearer(DEFAULT, text, word) == default
    assert _bearer(ADMIN, text, word) == admin


def test_private_third_party_bodies_are_not_authorities():
    assert _bearer(DEFAULT, "第三方专业服务机构应当具备相应能力。", "应当") == REGULATED
    assert _bearer(DEFAULT, "登记机构应当公示登记结果。", "应当") == AUTHORITY


def test_inferred_from_the_texts():
    assert infer(["提供者应当公开规则。提供者不得歧视。网信部门应当监督。"], Lang.ZH).terms == ("提供者",)
    p = infer(["行政复议机关应当受理。行政复议机关不得收费。申请人应当提交材料。" * 10], Lang.ZH)
    assert p.public and p.source == "inferred"
    assert infer(["Providers shall publish the rules."], Lang.EN) is DEFAULT


def test_duty_direction_follows_the_run():
    draft, final = "行政复议机关应当受理申请。", "行政复议机关应当受理申请，并应当在五日内告知申请人。"
    # read by default (private parties regulated), the applicant is a regulated party applying to the state, so a
    # duty to inform it in time serves it; where the organ is regulated, the same duty is a burden on the organ
    assert classify_texts(draft, final, ZH, Lang.ZH).label is Label.RELAXED
    assert classify_texts(draft, final, ZH, Lang.ZH, ("行政复议机关",)).label is Label.TIGHTENED
    only_duty = ("行政复议机关受理申请。", "行政复议机关应当受理申请。")
    assert classify_texts(*only_duty, ZH, Lang.ZH).label is Label.REWORDED  # an authority: neutral
    assert classify_texts(*only_duty, ZH, Lang.ZH, ("行政复议机关",)).label is Label.TIGHTENED


# ------------------------------------------------------------------------------------ meta.yaml


def test_meta_regulated(tmp_path):
    meta = load_meta(CORPORA / "administrative-reconsideration-law-2023" / "meta.yaml")
    assert Parties.named(meta.regulated).public
    assert load_meta(CORPORA / "genai-2023" / "meta.yaml").regulated == ("提供者",)
    src = (CORPORA / "genai-2023" / "meta.yaml").read_text(encoding="utf-8")
    for bad in ("regulated: 提供者\n", "regulated: []\n", "regulated: [1]\n"):
        p = tmp_path / "meta.yaml"
        p.write_text(src.replace("regulated: [提供者]\n", bad), encoding="utf-8")
        with pytest.raises(CorpusError, match=r"line \d+: field 'regulated' must be a non-empty list"):
            load_meta(p)


# ------------------------------------------------------------------------- guards (must NOT fire)

ADMIN_TERMS = ("行政复议机关", "行政复议机构", "被申请人", "行政机关")


@pytest.mark.parametrize(
    ("draft", "final", "regulated", "label", "silent"),
    [
        # 应当驳回 / 应当不予受理 is the refusal power itself, not one more duty
        ("", "行政复议机关受理申请后，发现该申请不符合受理条件的，应当决定驳回申请。", ADMIN_TERMS, Label.ADDED,
         "norm.duty.added"),
        # 法律规定应当… refers to a duty set elsewhere: no duty of the applicant is removed
        ("法律、法规规定应当先向行政复议机关申请行政复议的，申请人在复议期限内不得提起行政诉讼。",
         "申请人在复议期间不得提起行政诉讼。", ADMIN_TERMS, Label.RELAXED, "norm.rights.protected-duty-removed"),
        # which body decides (管辖) is organisation, not discretion
        ("对派出机构的行为不服的，由本级人民政府管辖。",
         "对派出机构的行为不服的，由本级人民政府管辖；也可以由其所在地的人民政府管辖。", ADMIN_TERMS, Label.REWORDED,
         "norm.rights.regulated-added"),
        # an applicant's option (可以向…申请) is not the organ's discretion
        ("", "对地方人民政府司法行政部门的行政行为不服的，可以向本级人民政府申请行政复议。", ADMIN_TERMS, Label.ADDED,
         "norm.rights.regulated-added"),
        # a law "published" before is no disclosure duty
        ("本法施行前公布的法律有关规定与本法的规定不一致的，以本法的规定为准。", "", None, Label.REMOVED,
         "norm.duty.removed"),
        # misconduct (无正当理由不予受理) is no ground to refuse; the applicant's new recourse binds the organ
        ("行政复议机关无正当理由不予受理的，上级行政机关应当责令其受理。",
         "行政复议机关无正当理由不予受理、驳回申请的，申请人有权向上级行政机关反映，上级行政机关应当责令其纠正。", ADMIN_TERMS, Label.TIGHTENED,
         "norm.rights.regulated-added"),
        # a penalty the administration imposes is under review, not a burden on it
        ("", "对罚款、没收违法所得、吊销许可证件等行政处罚决定不服的，可以申请行政复议。", ADMIN_TERMS, Label.ADDED,
         "norm.sanction.added"),
    ],
)
def test_guards(draft, final, regulated, label, silent):
    ch = classify_texts(draft, final, ZH, Lang.ZH, regulated)
    assert ch.label is label, ch.reason
    assert silent not in {f.rule_id for f in ch.firings}, ch.reason


def test_personal_data_is_not_a_person():
    text = "参与安全评估的相关机构对个人信息应当依法予以保密。"
    assert _bearer(DEFAULT, text, "应当") == REGULATED
    assert _bearer(DEFAULT, "个人应当妥善保管账号。", "应当") == COUNTERPARTY


# ------------------------------------------------------------------------- one long text, indexed once


def _reference_bearer_actor(text: str, pos: int, end: int, actors) -> str | None:
    """The clause-by-clause scan bearer_actor used to do (quadratic in a long article), kept as the spec
    that ClauseIndex must answer exactly like."""
    from lawdiff.classify.parties import PETITION, PETITIONER

    s = pos
    while s > 0 and text[s - 1] not in "。;\n!?":
        s -= 1
    c = pos
    while c > s and text[c - 1] not in ",:":
        c -= 1
    own = [a for a in actors if c <= a[0] and a[1] <= pos]
    if own:
        return own[0][2]
    after = text[end : end + 2]
    if "由" in after:
        k = end + after.index("由") + 1
        nxt = next((a for a in actors if a[0] == k), None)
        if nxt:
            return nxt[2]
    conditional, start = None, s
    while start < c:
        stop = start
        while stop < c and text[stop] not in ",:":
            stop += 1
        lead = text[start:stop].lstrip()
        first = None if lead.startswith("对") else next((a for a in actors if start <= a[0] and a[1] <= stop), None)
        if first and not text[start:stop].rstrip().endswith(("的", "时")):
            return first[2]
        if first and conditional is None:
            conditional = first[2]
        start = stop + 1
    if conditional is not None:
        return conditional
    return PETITIONER if PETITION.match(text, end) else None


def _corpus_text() -> str:
    from lawdiff.text import match_text

    parts = [p.read_text(encoding="utf-8") for pair in ("genai-2023", "administrative-reconsideration-law-2023")
             for p in sorted((CORPORA / pair).glob("*")) if p.suffix in (".txt", ".md")]
    return match_text("".join(parts))


@pytest.mark.parametrize("parties", [DEFAULT, ADMIN, Parties.named(["提供者"])], ids=["default", "admin", "named"])
def test_indexed_bearer_answers_like_the_clause_scan(parties):
    """Every modal word of two real laws, and of the same text with its sentence ends removed."""
    import re

    from lawdiff.classify.parties import MODAL

    text = _corpus_text()
    for t in (text, re.sub(r"[。;\n]", "", text[:30_000]), re.sub(r"[。;\n,:]", "", text[:8_000])):
        index = parties.index(t)
        actors = parties.actors(t)
        words = list(MODAL.finditer(t)) + list(re.finditer("可以|申请", t))
        assert len(words) > 50
        for m in words:
            assert parties.bearer_actor(t, m.start(), m.end(), index) == _reference_bearer_actor(
                t, m.start(), m.end(), actors), (m.start(), t[max(0, m.start() - 40) : m.end() + 5])


class _CountingText(str):
    """A str that counts the characters read one at a time (``text[i]``) and the slices taken."""

    reads = 0

    def __getitem__(self, key):
        type(self).reads += 1
        return str.__getitem__(self, key)


def test_bearers_of_a_long_run_on_text_read_it_a_bounded_number_of_times(monkeypatch):
    """A text without sentence ends (a conversion that lost its 。): guessing the bearer of every modal
    word used to walk back to the start of the text each time (18 s for an 80 KB article).  Now the text
    is indexed once and each question is a lookup; count the character reads instead of timing."""
    import re

    base = re.sub(r"[。;\n,:!?]", "", _corpus_text())
    counts = {}
    for n in (20_000, 80_000):
        _CountingText.reads = 0
        text = _CountingText((base * (n // len(base) + 1))[:n])
        modal = [m.span() for m in re.finditer("应当|不得|必须", str(text))]
        index = ADMIN.index(text)
        for s, e in modal:
            ADMIN.bearer_actor(text, s, e, index)
        counts[n] = _CountingText.reads
        assert counts[n] <= 10 * len(modal) + 10, (n, counts[n], len(modal))  # a few reads per word
    # and infer(), which asks about every modal word, reads a 4x longer text no more than ~4x as often
    # (its width folding would hand it a plain str: the text is folded already)
    monkeypatch.setattr("lawdiff.classify.parties.match_text", lambda t: t)
    _CountingText.reads = 0
    infer([_CountingText(base[:20_000])], Lang.ZH)
    short = _CountingText.reads
    _CountingText.reads = 0
    infer([_CountingText((base * 4)[:80_000])], Lang.ZH)
    assert _CountingText.reads <= 5 * max(short, 1) + 100


PROMOTION = ("第三条 市农业农村部门应当会同有关部门制定农业科技发展规划。\n"
             "第四条 市科技部门应当支持科研机构开展种业研究。\n"
             "第五条 区人民政府应当安排农业技术推广资金。\n"
             "第六条 农业生产经营组织应当遵守种子质量标准。\n")
REVIEW = ("第三条 申请人对行政机关的行政行为不服的，可以申请复议；复议机关应当受理。\n"
          "第四条 复议机关应当在五日内将申请书副本送被申请人；被申请人应当提出书面答复。\n"
          "第五条 申请人、第三人可以查阅被申请人的答复；复议机关不得拒绝。当事人可以委托代理人。\n"
          "第六条 复议机关应当听取申请人、第三人和被申请人的意见，申请人、当事人可以提交证据。\n")


def test_duties_mostly_on_the_state_do_not_make_the_state_regulated():
    """A promotion law binds mostly departments, but its duties serve the regulated side: the state is not
    the regulated party unless the text reviews the administration's acts (applicants named throughout)."""
    promotion = infer([PROMOTION], Lang.ZH)
    assert not promotion.public and promotion.terms == ("组织",)
    review = infer([REVIEW, REVIEW], Lang.ZH)
    assert review.public
