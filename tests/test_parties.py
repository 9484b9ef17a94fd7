"""Whose burden: the regulated parties of a run and the duty-bearer guess (lawdiff.parties)."""

from __future__ import annotations

import pytest
from conftest import CORPORA

from lawdiff.classify import classify_texts
from lawdiff.errors import CorpusError
from lawdiff.meta import load_meta
from lawdiff.model import Label, Lang
from lawdiff.parties import AUTHORITY, COUNTERPARTY, DEFAULT, REGULATED, Parties, infer
from lawdiff.rules import load_rules

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
    p = infer(["行政复议机关应当受理。行政复议机关不得收费。申请人应当提交材料。"], Lang.ZH)
    assert p.public and p.source == "inferred"
    assert infer(["Providers shall publish the rules."], Lang.EN) is DEFAULT


def test_duty_direction_follows_the_run():
    draft, final = "行政复议机关应当受理申请。", "行政复议机关应当受理申请，并应当在五日内告知申请人。"
    assert classify_texts(draft, final, ZH, Lang.ZH).label is Label.TIGHTENED  # 告知 + 五日内 anyway
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
