"""The norm stage: each clause read as who must / must not / may do what, and changes judged from norms.

One test per error class of the norm-model issue, with sentences written for these tests from other
domains (harbour safety, tobacco retail, water permits, parks, taxis …), at two levels: the parsed
``Norm`` of a clause, and a whole two-version comparison as a user runs it.
"""

from __future__ import annotations

import pytest

from lawdiff.classify.label import article_from_text, classify_texts
from lawdiff.classify.rules import load_rules
from lawdiff.model import ChangeKind, Comparator, Effect, Label, Lang, Modality, Polarity, QuantityRole, Role
from lawdiff.norms.lexicon import load_lexicon
from lawdiff.norms.quantities import en_number, en_quantities, zh_quantities
from lawdiff.norms.read import Parties, Reader
from lawdiff.parse import parse_text
from lawdiff.pipeline import compare
from lawdiff.text import match_text


def norms_of(text: str, lang: Lang = Lang.ZH, regulated: tuple[str, ...] = ()):
    a = article_from_text(text)
    reader = Reader(lang, Parties(regulated))
    return reader.read(a.text, (a,), "draft", match_text(a.text))


def norms_read_as(text: str, names: list[str]):
    """The norms of ``text`` read with ``regulated:`` naming ``names`` (public when they are authorities)."""
    from lawdiff.classify.parties import Parties as Named
    named = Named.named(names)
    a = article_from_text(text)
    return named, Reader(Lang.ZH, Parties(named.terms, named.public)).read(a.text, (a,), "draft", match_text(a.text))


def one(text: str, lang: Lang = Lang.ZH, regulated: tuple[str, ...] = ()):
    ns = [n for n in norms_of(text, lang, regulated) if n.modality not in (Modality.DEFINITION,)]
    assert len(ns) == 1, [(n.modality, n.text) for n in ns]
    return ns[0]


@pytest.fixture(scope="module")
def zh_rules():
    return load_rules(Lang.ZH)


@pytest.fixture(scope="module")
def en_rules():
    return load_rules(Lang.EN)


def label(draft: str, final: str, rules, regulated: tuple[str, ...] | None = None):
    return classify_texts(draft, final, rules, Lang.ZH, regulated)


# ------------------------------------------------------------------------------------------ 1. whose norm


def test_a_clause_that_continues_the_bearer_quotes_the_bearer_where_it_is_named():
    """并应当…: the second clause's bearer is the one the first names, and its span quotes that name (it
    quoted "并应当", the offset of the name moved by the clause's start a second time)."""
    first, second = norms_of("港口经营人应当建立安全管理制度，并应当定期开展安全检查。")
    assert (first.bearer, second.bearer) == ("港口经营人", "港口经营人")
    assert second.bearer_span is not None and second.bearer_span.text == "港口经营人"
    assert second.bearer_span == first.bearer_span



def test_shall_to_may_for_an_agency_that_gains_a_power_over_businesses_tightens(zh_rules):
    ch = label("港口管理机构应当组织码头安全检查。", "港口管理机构可以要求码头经营人报送安全管理台账。", zh_rules)
    assert ch.label is Label.TIGHTENED
    n = one("港口管理机构可以要求码头经营人报送安全管理台账。")
    assert (n.role, n.action_class, n.polarity) == (Role.AUTHORITY, "control", Polarity.BURDEN)


def test_a_limit_on_the_regulator_protects_the_regulated_and_relaxes(zh_rules):
    n = one("市场监管部门不得对同一家烟草零售户在同一年度内重复抽查。")
    assert n.role is Role.AUTHORITY and n.modality is Modality.PROHIBITION and n.polarity is Polarity.RELIEF
    ch = label("市场监管部门应当对烟草零售户开展抽查。",
               "市场监管部门应当对烟草零售户开展抽查。市场监管部门不得对同一家烟草零售户在同一年度内重复抽查。", zh_rules)
    assert ch.label is Label.RELAXED


def test_agency_internal_reporting_is_neutral(zh_rules):
    n = one("区水务部门应当将取水许可审批情况报市水务部门备案。")
    assert n.role is Role.AUTHORITY and n.polarity is Polarity.NEUTRAL
    ch = label("", "区水务部门应当将取水许可审批情况报市水务部门备案。", zh_rules)
    assert (ch.label.value, ch.effect.value) == ("added", "neutral")


def test_a_fine_imposed_by_an_authority_is_a_sanction_on_the_regulated_not_their_discretion():
    n = one("违反本规定销售电子烟的，由市场监管部门处货值金额百分之十以下的罚款。")
    assert n.modality is Modality.SANCTION and n.role is Role.REGULATED and n.polarity is Polarity.BURDEN
    assert [q.role for q in n.quantities] == [QuantityRole.FINE]


def test_a_duty_of_businesses_to_cooperate_with_inspections_is_a_burden(zh_rules):
    n = one("出租汽车经营者应当配合交通运输部门开展监督检查。")
    assert n.role is Role.REGULATED and n.modality is Modality.OBLIGATION and n.polarity is Polarity.BURDEN
    ch = label("", "出租汽车经营者应当配合交通运输部门开展监督检查。", zh_rules)
    assert ch.effect is not None and ch.effect.value == "burden"


def test_in_a_criminal_interpretation_the_punished_are_the_regulated():
    ns = norms_of("非法捕捞水产品，具有下列情形之一的，应当认定为刑法第三百四十条规定的“情节严重”：\n（一）非法捕捞水产品五百公斤以上的；")
    assert [(n.modality, n.role, n.item) for n in ns] == [(Modality.SANCTION, Role.REGULATED, False),
                                                          (Modality.SANCTION, Role.REGULATED, True)]
    assert ns[1].quantities[0].role is QuantityRole.THRESHOLD


def test_named_regulated_parties_override_the_lexicon():
    n = one("区审计机关应当对下级审计机关的审计业务进行监督。", regulated=("审计机关",))
    assert n.role is Role.REGULATED and n.polarity is Polarity.BURDEN


# ------------------------------------------------------------------------------------------ 2. norm with its exception


def test_a_whole_norm_removed_with_its_exception_relaxes(zh_rules):
    ch = label("从事燃气经营的单位应当办理燃气经营许可；但是自用的除外。", "", zh_rules)
    assert (ch.label.value, ch.effect.value) == ("removed", "relaxing")
    assert "norm.duty.removed" in {f.rule_id for f in ch.firings}
    assert "norm.scope.exception-removed" not in {f.rule_id for f in ch.firings}


def test_an_exception_removed_while_the_norm_stays_tightens(zh_rules):
    ch = label("从事燃气经营的单位应当办理燃气经营许可；但是自用的除外。", "从事燃气经营的单位应当办理燃气经营许可。", zh_rules)
    assert ch.label is Label.TIGHTENED


# ------------------------------------------------------------------------------------------ 3. quantities by role


@pytest.mark.parametrize(
    ("draft", "final", "expected"),
    [
        # threshold of applicability: higher -> fewer covered
        ("从业人员三百人以上的商场，应当配备专职消防管理人员。", "从业人员五百人以上的商场，应当配备专职消防管理人员。", Label.RELAXED),
        # criminal threshold: higher -> relaxed
        ("盗伐林木数量在十立方米以上的，应当认定为刑法第三百四十五条规定的“数量较大”。",
         "盗伐林木数量在二十立方米以上的，应当认定为刑法第三百四十五条规定的“数量较大”。", Label.RELAXED),
        # frequency: less often -> relaxed
        ("供热企业应当每月向社会公布一次供热质量检测结果。", "供热企业应当每季度向社会公布一次供热质量检测结果。", Label.RELAXED),
        # period given to the regulated: longer -> relaxed
        ("养殖场应当在发现疫情后二小时内报告。", "养殖场应当在发现疫情后十二小时内报告。", Label.RELAXED),
        # deadline binding an authority that decides on an application: shorter -> relaxed for the applicant
        ("住房城乡建设部门应当自受理申请之日起二十日内作出是否发放施工许可证的决定。",
         "住房城乡建设部门应当自受理申请之日起七日内作出是否发放施工许可证的决定。", Label.RELAXED),
        # a protected age group widened -> tightened for the seller
        ("经营者不得向未满十六周岁的人出售彩票。", "经营者不得向未满十八周岁的人出售彩票。", Label.TIGHTENED),
        # fines
        ("违反本规定在景区内吸烟的，由景区管理机构处五十元罚款。", "违反本规定在景区内吸烟的，由景区管理机构处二百元罚款。", Label.TIGHTENED),
    ],
)
def test_quantities_are_judged_by_their_role(zh_rules, draft, final, expected):
    assert label(draft, final, zh_rules).label is expected


def test_quantity_units_and_comparators():
    [q] = zh_quantities("注册资本达到三亿元的", 0, condition=True)
    assert (q.role, q.value, q.comparator) == (QuantityRole.THRESHOLD, 3e8, Comparator.AT_LEAST)
    [q] = zh_quantities("处货值金额百分之五以下的罚款", 0, condition=False)
    assert (q.role, q.unit, q.value, q.comparator) == (QuantityRole.FINE, "percent", 5, Comparator.AT_MOST)
    [q] = zh_quantities("未满十四周岁的", 0, condition=True)
    assert (q.role, q.value, q.comparator) == (QuantityRole.AGE, 14, Comparator.AT_MOST)
    assert en_number("10 000 000") == 1e7 and en_number("1,5") == 1.5 and en_number("1,000") == 1000
    qs = en_quantities("fines of up to EUR 7 500 000 or 1,5 % of turnover", 0, condition=False)
    assert [(q.role, q.unit, q.value) for q in qs] == [(QuantityRole.FINE, "money", 7.5e6),
                                                     (QuantityRole.FINE, "percent", 1.5)]


# ------------------------------------------------------------------------------------------ 4. instrument ladder


@pytest.mark.parametrize(
    ("draft", "final", "expected"),
    [
        ("设立游泳场所的，应当经体育主管部门批准。", "设立游泳场所的，应当向体育主管部门备案。", Label.RELAXED),
        ("设立游泳场所的，应当向体育主管部门备案。", "设立游泳场所的，应当经体育主管部门批准。", Label.TIGHTENED),
        # the approving authority moved down a level: the same instrument, not a relaxation by itself
        ("设立游泳场所的，应当经省体育主管部门批准。", "设立游泳场所的，应当经设区的市体育主管部门批准。", Label.REWORDED),
    ],
)
def test_instrument_ladder(zh_rules, draft, final, expected):
    assert label(draft, final, zh_rules).label is expected


# ------------------------------------------------------------------------------------------ 5. sanctions


@pytest.mark.parametrize(
    ("draft", "final", "expected"),
    [
        ("违反本条规定的，由园林部门责令改正；拒不改正的，处五百元以上二千元以下罚款。",
         "违反本条规定的，由园林部门责令改正。", Label.RELAXED),
        ("情节严重的，由商务部门处二万元罚款，并吊销备案登记证明。", "情节严重的，由商务部门处二万元罚款。", Label.RELAXED),
        ("违反本规定销售散装白酒的，由市场监管部门处一万元罚款。",
         "违反本规定销售散装白酒，造成严重后果的，由市场监管部门处一万元罚款。", Label.RELAXED),
        ("违反本规定销售散装白酒的，由市场监管部门没收违法所得，处一万元罚款。",
         "违反本规定销售散装白酒的，由市场监管部门依照《中华人民共和国食品安全法》的规定处罚。", Label.REWORDED),
    ],
)
def test_sanctions(zh_rules, draft, final, expected):
    assert label(draft, final, zh_rules).label is expected


# ------------------------------------------------------------------------------------------ 6. the act's own subject words


def test_the_scope_article_naming_the_regulations_subject_is_not_a_new_duty(zh_rules):
    ch = label("本办法适用于本市行政区域内的消防安全评估活动。",
               "本办法适用于本市行政区域内开展消防安全评估以及相关监督管理活动。", zh_rules)
    assert ch.label is Label.REWORDED
    assert not any(f.rule_id.startswith("norm.duty") for f in ch.firings)


# ------------------------------------------------------------------------------------------ 7. one clause, one modality


def test_a_prohibition_stays_a_prohibition_whatever_else_the_clause_says():
    ns = norms_of("拍卖企业不得以委托他人名义变相从事拍卖业务，应当如实记录委托情况。")
    assert [n.modality for n in ns] == [Modality.PROHIBITION, Modality.OBLIGATION]
    assert "变相从事拍卖业务" in ns[0].action


# ------------------------------------------------------------------------------------------ the norm's parts


def test_a_norm_reads_conditions_exceptions_and_items():
    ns = norms_of("物业服务企业有下列行为之一的，由房屋管理部门责令改正：\n（一）擅自改变共用部位用途的；\n（二）挪用维修资金的。")
    items = [n for n in ns if n.item]
    assert len(items) == 2
    assert all(n.modality is Modality.POWER and n.polarity is Polarity.BURDEN for n in items)
    assert items[0].conditions[0].text.startswith("（一）擅自改变")
    n = one("机动车应当按照规定停放；但是执行紧急任务的除外。")
    assert n.exceptions and "执行紧急任务" in n.exceptions[0].text


def test_an_obligation_of_effort_is_marked():
    assert one("检测机构应当采取有效措施提高检测数据的准确性。").effort
    assert not one("检测机构应当保证检测数据真实准确。").effort


def test_english_norms():
    n = one("Importers shall keep a copy of the certificate for 10 years.", Lang.EN)
    assert (n.role, n.modality, n.polarity) == (Role.REGULATED, Modality.OBLIGATION, Polarity.BURDEN)
    n = one("The market surveillance authority may require the operator to withdraw the product.", Lang.EN)
    assert (n.role, n.action_class, n.polarity) == (Role.AUTHORITY, "control", Polarity.BURDEN)
    n = one("This Directive shall not apply to products intended exclusively for military use.", Lang.EN)
    assert n.modality is Modality.EXEMPTION and n.polarity is Polarity.RELIEF
    n = one("Consumers shall have the right to withdraw from the contract within 14 days.", Lang.EN)
    assert n.role is Role.PROTECTED and n.modality is Modality.PERMISSION and n.polarity is Polarity.BURDEN


def test_lexicons_load_for_both_languages():
    assert load_lexicon("zh").modals and load_lexicon("en").modals


# ------------------------------------------------------------------------------------------ whole pipeline


def _doc(text: str, lang: Lang = Lang.ZH):
    return parse_text(text, lang=lang, path="t.txt")


def test_a_sanction_gathered_into_a_general_article_is_moved_not_removed():
    draft = _doc("某某条例\n第一条　经营者应当明码标价。违反本条规定，构成犯罪的，依法追究刑事责任。\n第二条　本条例自公布之日起施行。\n")
    final = _doc("某某条例\n第一条　经营者应当明码标价。\n第二条　违反本条规定，构成犯罪的，依法追究刑事责任。\n第三条　本条例自公布之日起施行。\n")
    report = compare(draft, final, cache=False)
    rules = {f.rule_id for u in report.units for f in u.change.firings}
    assert "norm.sanction.removed" not in rules and "norm.sanction.added" not in rules


def test_a_deregulatory_revision_reads_as_relaxing():
    draft = _doc("某某管理条例\n"
                 "第一条　从事旧货经营的，应当经公安机关批准。\n"
                 "第二条　旧货经营者应当每月向公安机关报送一次交易记录。\n"
                 "第三条　旧货经营者不得收购无合法来源证明的物品。\n"
                 "第四条　违反本条例第二条规定的，由公安机关处五千元罚款。\n")
    final = _doc("某某管理条例\n"
                 "第一条　从事旧货经营的，应当向商务部门备案。\n"
                 "第二条　旧货经营者应当每季度向商务部门报送一次交易记录。\n"
                 "第三条　旧货经营者不得收购无合法来源证明的物品。\n")
    report = compare(draft, final, cache=False)
    assert report.signal.information.verdict == "relaxing"


# ------------------------------------------------------------------------------------------ lexicon examples

def _lexicon_examples():
    for lang in (Lang.ZH, Lang.EN):
        for i, e in enumerate(load_lexicon(lang.value).raw["examples"]):
            yield pytest.param(lang, e, id=f"{lang.value}-{i}")


@pytest.mark.parametrize("lang, example", list(_lexicon_examples()))
def test_every_lexicon_example_reads_as_its_file_says(lang, example):
    """The examples at the end of data/norms/<lang>.yaml: each clause reads as the file says it does."""
    ns = norms_of(example["text"], lang)
    assert ns, example
    if "sanction_kinds" in example:
        assert sorted({k for n in ns for k in n.sanction_kinds}) == sorted(set(example["sanction_kinds"]))
    wanted = {k: v for k, v in example.items() if k in ("role", "action_class", "instrument", "modality", "polarity")}
    q = example.get("quantity")
    kinds = {"role": Role, "modality": Modality, "polarity": Polarity}

    def holds(n) -> bool:
        if any(getattr(n, k) != (kinds[k](v) if k in kinds else v) for k, v in wanted.items()):
            return False
        return q is None or any(x.role is QuantityRole(q["role"]) and x.value == pytest.approx(q["value"])
                                for x in n.quantities)

    assert any(holds(n) for n in ns), [(n.role, n.action_class, n.instrument, n.quantities) for n in ns]


@pytest.mark.parametrize("draft, final", [
    # a modifier reworded is not a member added (的禁止和 comes with a separator but qualifies a noun)
    ("港口经营人应当遵守港口禁止限制作业目录。", "港口经营人应当遵守港口的禁止和限制作业目录。"),
    # a public body renamed: the run is part of its name, not a new object of the duty
    ("市交通运输部门应当公布港口收费目录。", "市交通运输和港口管理部门应当公布港口收费目录。"),
])
def test_words_inside_a_name_or_a_modifier_are_not_list_members(zh_rules, draft, final):
    assert label(draft, final, zh_rules).label is Label.REWORDED


def test_an_approval_by_someone_is_a_condition_not_the_subject():
    """经…批准 names who must consent first; the clause's own bearer is someone else (here: nobody named)."""
    n = one("经市交通运输部门的负责人批准，可以延长出租汽车营运时间。")
    assert [c.text for c in n.conditions] == ["经市交通运输部门的负责人批准"]
    assert n.bearer == ""


def test_a_sanction_naming_nobody_punishes_the_target_named_before_it():
    """…的，依法给予处分；构成犯罪的，依法追究刑事责任: the officials, not the regulated businesses."""
    officials = norms_of("港务管理部门工作人员违反本规定，玩忽职守的，依法给予处分；构成犯罪的，依法追究刑事责任。")
    assert [(n.role, n.polarity) for n in officials] == [(Role.AUTHORITY, Polarity.NEUTRAL)] * 2
    operators = norms_of("港口经营人违反本规定，未设置警示标志的，处五千元罚款；构成犯罪的，依法追究刑事责任。")
    assert [(n.bearer, n.polarity) for n in operators] == [("港口经营人", Polarity.BURDEN)] * 2


def test_a_duty_rewritten_as_a_list_of_measures_that_keeps_the_old_act_gives_more_ways_to_comply(zh_rules):
    """应当X → 应当采取A、B、X等措施: the same duty, lighter — even when the diff is one rewrite."""
    draft = "第一条 发现船舶违规排污的，码头经营人应当停止作业。"
    final = "第一条 码头经营人发现船舶违规排污的，应当依照合同采取提醒、限制靠泊、停止作业等处置措施。"
    assert label(draft, final, zh_rules).label is Label.RELAXED
    assert label(final, draft, zh_rules).label is not Label.RELAXED
    # read from the two norms alone (no word diff to take members from, as when the diff is one rewrite)
    from lawdiff.norms.compare import changes
    found = changes(norms_of(draft), norms_of(final), load_lexicon("zh"), ())
    assert [(c.kind, c.force) for c in found if c.kind is ChangeKind.SCOPE_NARROWED] == [
        (ChangeKind.SCOPE_NARROWED, "weaker")]


def test_the_partys_conduct_before_further_conditions_is_a_condition():
    """X未…，经责令改正拒不改正的，由…处罚款: the conduct is the first condition, not a statement of its own."""
    ns = norms_of("港口经营人未设置警示标志，经责令改正拒不改正的，由港务部门处一万元罚款。")
    assert len(ns) == 1 and ns[0].modality is Modality.SANCTION
    assert [c.text for c in ns[0].conditions] == ["港口经营人未设置警示标志", "经责令改正拒不改正的"]


def test_a_penalty_under_rewritten_conditions_is_the_same_penalty_changed():
    """The conditions of a fine rewritten and its amount raised: a fine raised, not one removed and one added."""
    from lawdiff.norms.compare import changes
    draft = norms_of("堆场经营人违反本规定擅自扩大货物堆放范围，经责令改正拒不改正的，处五万元以下的罚款。")
    final = norms_of("在航道保护区内或者锚地范围内设置临时堆场、码放集装箱，阻碍船舶航行，造成通航中断、船舶搁浅、"
                     "人员伤亡或者其他重大事故的，"
                     "处五十万元以下的罚款。")
    found = changes(draft, final, load_lexicon("zh"), ())
    assert [(c.kind, c.force) for c in found if c.kind is ChangeKind.QUANTITY] == [(ChangeKind.QUANTITY, "stronger")]
    assert not [c for c in found if c.kind in (ChangeKind.NORM_ADDED, ChangeKind.NORM_REMOVED)]


def test_the_parts_of_one_condition_dropped_together_are_one_change():
    from lawdiff.norms.compare import changes
    draft = norms_of("经营者发现用户违反法律法规，违背商业道德，包括恶意刷单、虚假宣传的，应当暂停服务。")
    final = norms_of("经营者发现用户从事违法活动的，应当暂停服务。")
    found = changes(draft, final, load_lexicon("zh"), ())
    assert len([c for c in found if c.kind is ChangeKind.CONDITION_REMOVED]) == 1


def test_an_authoritys_act_is_not_reclassed_by_words_that_stand_in_both_clauses(zh_rules):
    """稽查 stands in both versions (in the agency's name): the agency hires its helpers differently, it gains
    no new power over the taxpayers.  A demand on businesses whose words are new does count."""
    draft = "税务稽查机关可以委托专业机构选派人员参加。"
    final = "税务稽查机关可以聘请专业人员参加稽查工作。"
    assert (one_of(draft).action_class, one_of(final).action_class) == ("internal", "oversight")
    assert label(draft, final, zh_rules).label is Label.REWORDED
    assert label("港口管理机构应当组织码头安全检查。", "港口管理机构应当要求码头经营人报送安全管理台账。",
                 zh_rules).label is Label.TIGHTENED


def one_of(text: str):
    """The norm of a clause that carries a modal word (a lead-in such as 根据工作需要 is read apart)."""
    ns = [n for n in norms_of(text) if n.modal_span is not None]
    assert len(ns) == 1, [(n.modality, n.text) for n in ns]
    return ns[0]


def test_a_condition_folded_into_the_clause_is_restated_not_dropped(zh_rules):
    """调整…时，应当经…同意 -> …，应当由…决定: the case the condition named is now the clause's subject; nothing
    was taken out of the norm's reach."""
    ch = label("停车场经营者调整小区公共充电桩收费标准时，应当经业主大会同意。",
               "停车场经营者调整小区公共充电桩的收费标准，应当由业主大会依法决定。", zh_rules)
    assert ch.label is Label.REWORDED, [f.rule_id for f in ch.firings]
    ch = label("停车场经营者调整小区公共充电桩收费标准时，应当经业主大会同意。", "停车场经营者应当经业主大会同意。", zh_rules)
    assert ch.label is Label.TIGHTENED  # the condition really dropped: the norm reaches every case


def test_but_before_the_norm_of_a_sentence_opens_a_second_condition_not_an_exception():
    """…未达到…，但有证据证明…的，X可以要求…: the 但 part narrows the case the power reaches; it excepts nothing."""
    n = one_of("仓储企业年吞吐量未达到十万吨，但有证据证明其存在重大安全隐患的，应急管理部门可以要求其报送安全评估报告。")
    assert [c.text for c in n.conditions] == ["仓储企业年吞吐量未达到十万吨", "但有证据证明其存在重大安全隐患的"]
    assert n.exceptions == ()
    assert (n.role, n.action_class, n.polarity) == (Role.AUTHORITY, "control", Polarity.BURDEN)
    n = one_of("仓储企业应当每年报送安全评估报告，但年吞吐量未达到十万吨的除外。")
    assert [e.text for e in n.exceptions] == ["但年吞吐量未达到十万吨的除外。"] and n.conditions == ()


def test_kuanzhi_is_a_criminal_punishment_only_as_a_sentence():
    """管制 is a sentence (处…拘役或者管制); 出口管制 and 交通管制 are fields of administration."""
    assert one("商务部门应当加强出口管制合规指导，及时发布风险提示。").modality is not Modality.SANCTION
    n = one("非法运输危险物品的，处三年以下有期徒刑、拘役或者管制。")
    assert n.modality is Modality.SANCTION and "criminal" in n.sanction_kinds


def test_the_instruments_own_topic_classes_no_act_of_an_authority():
    """In a regulation titled 检验检测条例, 汇总分析检验检测数据 is the authority's own statistics, not an inspection
    of anyone; the same words in an untitled text read as oversight (the rule fires)."""
    from lawdiff.norms.reading import title_subjects

    assert title_subjects(["江苏省检验检测条例", "北京市审计条例", "上海市音像制品管理条例", "最高人民法院关于…的解释"],
                          load_lexicon("zh")) == ("检验检测", "审计", "音像制品")
    body_d = "第一条 检验检测机构应当对出具的检验检测报告负责。\n第二条 市场监管部门应当每年汇总分析全省产品质量数据。\n"
    body_f = "第一条 检验检测机构应当对出具的检验检测报告负责。\n第二条 市场监管部门应当每年汇总分析全省检验检测数据。\n"
    fired = {}
    for title in ("江苏省检验检测条例\n", ""):
        r = compare(parse_text(title + body_d), parse_text(title + body_f), cache=False)
        fired[title] = [f.rule_id for f in r.units[-1].change.firings]
    assert fired == {"江苏省检验检测条例\n": [], "": ["norm.modal.authority-power-stronger"]}
    # aimed at a regulated party, the topic word still classes the act: 抽查检验检测机构 is oversight
    reader = Reader(Lang.ZH, Parties((), False, ("检验检测",)))
    a = article_from_text("市场监管部门应当抽查检验检测机构出具的报告。")
    n = next(n for n in reader.read(a.text, (a,), "draft", match_text(a.text)) if n.modal_span is not None)
    assert n.action_class == "oversight"


def test_a_clause_that_acts_upon_the_party_of_its_condition_is_the_states_act():
    """…的，应当对其… / 责令其…: the party named in the condition is the object; nobody else named, the bearer is
    an authority — its removal takes no duty off the regulated."""
    n = one("施工单位的项目负责人在安全生产中存在失职的，考核中应当对其应负的管理责任作出认定。")
    assert (n.role, n.polarity) == (Role.AUTHORITY, Polarity.NEUTRAL)
    n = one("施工单位违反本条规定的，应当责令其限期整改。")  # an order to correct: the lightest power
    assert (n.role, n.action_class, n.polarity) == (Role.AUTHORITY, "correction", Polarity.BURDEN)
    n = one("施工单位发现安全隐患的，应当立即采取措施消除。")  # no 其: the condition's party acts
    assert (n.role, n.bearer) == (Role.REGULATED, "施工单位")


def test_an_act_added_to_a_duty_between_commas_widens_it(zh_rules):
    """应当…，诚信经营，维护… -> 应当…，诚信经营，依法纳税，维护…: one more act the duty requires."""
    d = "商会应当加强自律，引导会员企业诚信经营，维护公平竞争秩序。"
    f = "商会应当加强自律，引导会员企业诚信经营，依法纳税，维护公平竞争秩序。"
    ns = [n for n in norms_of(f) if n.modal_span is not None]
    assert [(n.modality, n.polarity) for n in ns] == [(Modality.OBLIGATION, Polarity.BURDEN)]  # 引导 is the duty's act
    assert label(d, f, zh_rules).label is Label.TIGHTENED
    assert label(f, d, zh_rules).label is Label.RELAXED
    # a qualifier between commas is not an act
    assert label("物业服务企业应当公示收费项目，接受业主监督。", "物业服务企业应当公示收费项目，及时，接受业主监督。",
                 zh_rules).label is not Label.TIGHTENED


def test_a_private_body_acting_for_an_authority_bears_its_norm_as_the_states_agent():
    """确需…提供专业协助的，…机构不得…: the body assists an inspection; a limit on it protects the inspected.
    Without that condition the same body is a regulated party, and its duty to assist is a burden."""
    n = one("生态环境执法确需社会检测机构提供专业协助的，检测机构不得单独向排污单位出具处理意见。")
    assert (n.role, n.modality, n.polarity) == (Role.AUTHORITY, Modality.PROHIBITION, Polarity.RELIEF)
    n = one("检测机构应当协助生态环境部门开展执法检查。")
    assert (n.role, n.polarity) == (Role.REGULATED, Polarity.BURDEN)


@pytest.mark.parametrize("draft, final, expected", [
    ("平台经营者应当防范用户沉迷网络游戏。", "平台经营者应当防范未成年人用户沉迷网络游戏。", Label.RELAXED),  # fewer protected
    ("排污单位应当安装自动监测设备。", "重点排污单位应当安装自动监测设备。", Label.RELAXED),  # fewer bearers
    ("重点排污单位应当安装自动监测设备。", "排污单位应当安装自动监测设备。", Label.TIGHTENED),  # the qualifier dropped
    ("排污单位应当安装自动监测设备。", "排污单位应当安装合格的自动监测设备。", Label.REWORDED),  # not before a party
    ("养老机构应当每年组织一次消防演练。", "养老机构应当每半年组织一次消防演练。", Label.TIGHTENED),  # 每年 -> 每半年 replaced
])
def test_a_qualifier_put_before_a_partys_name_narrows_whom_the_norm_reaches(zh_rules, draft, final, expected):
    assert label(draft, final, zh_rules).label is expected


def test_a_penalty_replaced_by_a_reference_to_another_law_is_moved_not_removed(zh_rules):
    """违反…的，依照《…》的规定处罚 has no modal word and names no authority; it is still the sanction, deferred."""
    n = one("违反本条规定的，依照《中华人民共和国道路交通安全法》的规定处罚。")
    assert n.modality is Modality.SANCTION and n.reference
    ch = label("违反本条规定的，由公安机关交通管理部门处二百元罚款。",
               "违反本条规定的，依照《中华人民共和国道路交通安全法》的规定处罚。", zh_rules)
    assert ch.label is Label.REWORDED and [f.rule_id for f in ch.firings] == ["norm.sanction.moved-to-law"]


def test_a_new_item_in_the_list_of_accomplice_conduct_widens_what_is_punishable(zh_rules):
    """以…罪的共犯论处 is a criminal sanction however long the offence's name; an item added to its list of
    conduct (提供其他帮助的) makes more conduct punishable: tightened."""
    d = "明知他人非法采矿，具有下列情形之一的，以非法采矿罪或者破坏性采矿罪的共犯论处：\n（一）提供资金的；\n（二）提供运输、仓储服务的。"
    f = d.replace("仓储服务的。", "仓储服务的；\n（三）提供其他帮助的。")
    assert label(d, f, zh_rules).label is Label.TIGHTENED


@pytest.mark.parametrize("old, new, expected", [
    ("重金属、", "生物毒素、重金属等", 1),  # a member gained, the old one kept
    ("复制、篡改、损毁、伪造电子凭证", "篡改、伪造登记结果", -2),  # 复制, 损毁 lost; 伪造… reworded
    ("经营活动", "出版、制作、复制、批发和零售业务", None),  # nothing kept: a general term rewritten as a list
    ("及时", "高效", None),  # 及 inside a word is no separator
    ("行政诉讼法", "《中华人民共和国行政诉讼法》", None),  # nor 和 in 共和国
])
def test_a_list_run_replaced_by_another_counts_the_members_gained_and_lost(old, new, expected):
    from lawdiff.norms.members import list_members_edited
    assert list_members_edited(old, new) == expected


# ------------------------------------------------------------------------------------------ alternatives, titles, plans


def test_a_case_joined_by_or_is_an_alternative_not_one_more_requirement(zh_rules):
    """…的，或者…的，处…: dropping the second case makes the fine reach fewer cases (it read as a condition
    deleted, "applies in more cases", which cancelled the list reading); adding one reaches more."""
    fewer = label("网约车驾驶员未按规定携带证件的，或者擅自变更运营车辆的，由交通运输部门处五百元罚款。",
                  "网约车驾驶员未按规定携带证件的，由交通运输部门处五百元罚款。", zh_rules)
    assert fewer.label is Label.RELAXED, fewer.reason
    more = label("网约车驾驶员未按规定携带证件的，由交通运输部门处五百元罚款。",
                 "网约车驾驶员未按规定携带证件的，或者擅自变更运营车辆的，由交通运输部门处五百元罚款。", zh_rules)
    assert more.label is Label.TIGHTENED, more.reason
    # a condition that must also hold is still read the other way
    also = label("网约车驾驶员擅自变更运营车辆的，由交通运输部门处五百元罚款。",
                 "网约车驾驶员擅自变更运营车辆，造成乘客损失的，由交通运输部门处五百元罚款。", zh_rules)
    assert also.label is Label.RELAXED, also.reason


def test_the_name_of_a_law_is_not_an_act_of_the_clause(zh_rules):
    """依照《治安管理处罚法》予以处理 names a law; its 处罚 opened a second, "added" sanction norm when an
    empty placeholder title 《》 became the real name, and 《行政许可法》 read as a licence."""
    ch = label("损毁公共自行车的，依法承担赔偿责任，并由公安机关依照《》予以处理。",
               "损毁公共自行车的，依法承担赔偿责任，并由公安机关依照《中华人民共和国治安管理处罚法》予以处理。",
               zh_rules)
    assert ch.label is Label.REWORDED, ch.reason
    n = one("经营者应当依照《中华人民共和国行政许可法》的规定提交申请材料。")
    assert n.instruments == ()
    powers = norms_of("损毁公共自行车的，依法承担赔偿责任，并由公安机关依照《中华人民共和国治安管理处罚法》予以处理。")
    assert len(powers) == 1 and powers[0].modality is Modality.SANCTION


@pytest.mark.parametrize("text", [
    "本区供热专项规划、年度建设计划应当与城市总体规划相衔接。",
    "新建城区应当规划建设公共充电设施。",
    "城市副中心应当统筹布局应急避难场所。",
])
def test_a_duty_of_a_plan_or_of_planning_public_works_is_the_states(text):
    n = one(text)
    assert n.role is Role.AUTHORITY and n.polarity is Polarity.NEUTRAL


def test_a_thing_that_must_meet_a_standard_still_binds_the_regulated():
    assert one("瓶装燃气应当符合国家标准。").role is Role.REGULATED
    assert one("供热单位应当规划建设备用热源。").role is Role.REGULATED


def test_a_planning_duty_of_the_state_added_is_not_a_burden(zh_rules):
    ch = label("城镇地区应当建设公共停车场。", "城镇地区应当建设公共停车场。新建城区应当规划建设公共充电设施。", zh_rules)
    assert ch.label is Label.REWORDED, ch.reason


def test_concentration_of_undertakings_is_a_term_not_an_actor():
    """经营者集中 (a merger under competition law) names no 经营者: the guidance is still the authority's."""
    ns = norms_of("商务部门建立风险监测机制，对涉嫌违法的问题及时予以提醒，加强经营者集中申报辅导，开展合规指导。")
    assert all(n.bearer == "商务部门" and n.role is Role.AUTHORITY for n in ns), [(n.bearer, n.role) for n in ns]
    assert any(n.polarity is Polarity.RELIEF for n in ns)


def test_an_authority_that_builds_a_platform_is_the_subject_not_the_platform():
    """市商务部门建立…公共服务平台，为农户提供…: the part ends with 平台 (a regulated noun), but the authority
    does something to it; the sentence was read as a subject 平台 and a bare statement naming nobody."""
    ns = norms_of("市商务部门建立农产品流通公共服务平台，为农户提供市场信息。")
    assert [(n.bearer, n.role, n.polarity) for n in ns] == [("市商务部门", Role.AUTHORITY, Polarity.RELIEF)]
    # a noun phrase joined by 的 is still a subject
    n = one("从事网络交易的平台，应当公示经营者信息。")
    assert n.bearer == "平台" and n.role is Role.REGULATED


@pytest.mark.parametrize("text, cls, polarity", [
    # a statement names its authority first; that name is not the act's object (it read as the state acting
    # on itself: internal, neutral)
    ("海关对进口冷链食品实施抽样检验。", "oversight", Polarity.BURDEN),
    ("有下列情形之一的，渔业主管部门不予办理捕捞登记：", "control", Polarity.BURDEN),
    ("捕捞许可申请材料不齐全的，渔业主管部门不予受理。", "control", Polarity.BURDEN),
    ("捕捞许可申请材料不齐全的，渔业主管部门应当不予受理。", "control", Polarity.BURDEN),
    ("渔业主管部门应当受理捕捞许可申请。", "service", Polarity.RELIEF),
    ("本市实行取水许可和排水许可并联审批。", "service", Polarity.RELIEF),
    ("水务部门实施远程监管，应当保护用水单位的商业秘密。", "service", Polarity.RELIEF),
])
def test_an_authoritys_statement_is_classed_by_its_act(text, cls, polarity):
    ns = [n for n in norms_of(text) if n.role is Role.AUTHORITY]
    assert (ns[-1].action_class, ns[-1].polarity) == (cls, polarity), [(n.action, n.action_class) for n in ns]


def test_grounds_for_refusing_a_registration_deleted_relax(zh_rules):
    ch = label("渔民应当办理捕捞登记。\n有下列情形之一的，渔业主管部门不予办理捕捞登记：\n（一）船舶未经检验的；\n（二）提交虚假材料的。",
               "渔民应当办理捕捞登记。", zh_rules)
    assert ch.label is Label.RELAXED, ch.reason


@pytest.mark.parametrize("text, bearer", [
    ("农业主管部门应当在十日内作出决定。", "农业主管部门"),
    ("渔业主管部门可以对捕捞船舶进行检查。", "渔业主管部门"),
    ("企业主管部门应当督促企业整改。", "企业主管部门"),
])
def test_the_owner_inside_an_agency_name_is_not_an_owner(text, bearer):
    """农业主管部门 contains 业主 (an owner) and 企业主管部门 contains 企业: the agency is the bearer."""
    n = one(text)
    assert (n.bearer, n.role) == (bearer, Role.AUTHORITY)
    assert one("业主应当按时缴纳物业费。").role is Role.REGULATED


def test_an_authority_making_rules_is_organising_not_inspecting():
    n = one("国家铁路主管部门完善与铁路发展相适应的安全监管方式，制定相应的分级监管规则。")
    assert (n.role, n.action_class, n.polarity) == (Role.AUTHORITY, "internal", Polarity.NEUTRAL)


@pytest.mark.parametrize("text, role, modality, polarity, strength", [
    # any "... authority" is a public body, and requesting records from operators is a power over them
    ("The national aviation authority may request operators to provide the flight logs.",
     Role.AUTHORITY, Modality.PERMISSION, Polarity.BURDEN, None),
    # a decision within a time limit serves the applicant
    ("The licensing authority shall decide on the application within 30 days.",
     Role.AUTHORITY, Modality.OBLIGATION, Polarity.RELIEF, None),
    # informing operators of inspection results is a service, not an inspection
    ("Member States shall ensure that operators are informed of the results of inspections.",
     Role.AUTHORITY, Modality.OBLIGATION, Polarity.RELIEF, None),
    # "shall have priority access" is an entitlement, not a duty
    ("Small fishing vessels shall have priority access to the harbour facilities.",
     Role.REGULATED, Modality.PERMISSION, Polarity.RELIEF, None),
    # "endeavour to ensure" is an obligation of effort; "ensure" alone one of result
    ("Ferry operators shall endeavour to ensure that timetables are accurate.",
     Role.REGULATED, Modality.OBLIGATION, Polarity.BURDEN, 1.0),
    ("Ferry operators shall ensure that timetables are accurate.",
     Role.REGULATED, Modality.OBLIGATION, Polarity.BURDEN, 2.0),
])
def test_english_readings_of_common_drafting(text, role, modality, polarity, strength):
    n = one(text, Lang.EN)
    assert (n.role, n.modality, n.polarity) == (role, modality, polarity), (n.bearer, n.action_class)
    if strength is not None:
        assert n.strength == strength


@pytest.mark.parametrize("text, role, polarity", [
    # the applicant for a licence or registration, and a party to a procedure, are the regulated parties
    # themselves: their right is a relief and an exemption spares them (a protected applicant's exemption read
    # as a burden on the regulated)
    ("当事人可以申请听证。", Role.REGULATED, Polarity.RELIEF),
    ("申请人无需提交书面的经营场所证明材料。", Role.REGULATED, Polarity.RELIEF),
    ("申请人应当提交下列材料：", Role.REGULATED, Polarity.BURDEN),
])
def test_an_applicant_is_the_regulated_party_unless_the_instrument_regulates_the_state(text, role, polarity):
    n = one(text)
    assert (n.role, n.polarity) == (role, polarity)


def test_an_applicant_is_protected_where_the_administration_is_regulated():
    _, (n,) = norms_read_as("申请人可以向行政复议机关申请行政复议。", ["行政复议机关", "被申请人"])
    assert n.role is Role.PROTECTED


def test_applying_to_a_court_names_no_applicant():
    """申请人民法院强制执行: 申请 + 人民法院, not 申请人."""
    ns = norms_of("当事人逾期不履行的，作出决定的部门可以申请人民法院强制执行。")
    assert all(n.bearer != "申请人" and n.role is Role.AUTHORITY for n in ns), [(n.bearer, n.role) for n in ns]


def test_the_agency_a_sentence_opens_with_imposes_the_fine_it_is_not_fined(zh_rules):
    """市交通部门应当加强监督，对…的，责令改正，可以处…罚款: the fine falls on the supervised business (it was
    read as the agency's own sanction, so neutral), and its staff named as the subject still are punished."""
    ns = norms_of("市交通部门应当加强对出租汽车企业的监督，对服务质量不合格的，责令改正，可以处一万元以上五万元以下罚款。")
    fine = [n for n in ns if n.modality is Modality.SANCTION]
    assert [(n.role, n.polarity) for n in fine] == [(Role.REGULATED, Polarity.BURDEN)]
    staff = norms_of("交通执法人员滥用职权，构成犯罪的，依法追究刑事责任；尚不构成犯罪的，依法给予处分。")
    assert all(n.role is Role.AUTHORITY for n in staff if n.modality is Modality.SANCTION)
    ch = label("市交通部门应当加强对出租汽车企业的监督，对服务质量不合格的，责令改正，可以处一万元以上五万元以下罚款。",
               "市交通部门应当加强对出租汽车企业的监督，对服务质量不合格的，责令改正；拒不改正的，处一万元以上五万元以下罚款。",
               zh_rules)
    assert ch.label is Label.RELAXED, ch.reason






def test_a_criminal_mitigation_favours_the_punished(zh_rules):
    """可以从轻处罚 is no sanction: a new mitigating circumstance relaxes, a new aggravating one tightens."""
    lead = "具有下列情形之一的，可以从轻处罚：\n（一）积极退赃的；"
    assert label(lead, lead + "\n（二）取得被害人谅解的；", zh_rules).label is Label.RELAXED
    assert label(lead + "\n（二）取得被害人谅解的；", lead, zh_rules).label is Label.TIGHTENED
    heavy = "具有下列情形之一的，应当从重处罚：\n（一）造成人员伤亡的；"
    assert label(heavy, heavy + "\n（二）曾因同类行为受过处罚的；", zh_rules).label is Label.TIGHTENED
    added = label("", "犯罪后积极退赃的，可以酌情从轻处罚。", zh_rules)
    assert (added.label, added.effect) == (Label.ADDED, Effect.ENABLING)


def test_towing_and_other_enforcement_acts_are_powers(zh_rules):
    added = label("", "公安机关交通管理部门可以对违法停放的机动车予以拖移。", zh_rules)
    assert (added.label, added.effect) == (Label.ADDED, Effect.BURDEN), added.reason


@pytest.mark.parametrize("draft, final, expected", [
    ("Ferry operators shall submit an annual safety report.", "Ferry operators shall submit a safety report every two years.",
     Label.RELAXED),
    ("Ferry operators shall publish the timetable.", "Ferry operators shall publish the timetable annually.", Label.TIGHTENED),
    ("Ferry operators shall ensure that timetables are accurate.",
     "Ferry operators shall take appropriate measures to ensure that timetables are accurate.", Label.RELAXED),
])
def test_english_frequencies_and_effort(draft, final, expected):
    ch = classify_texts(draft, final, load_rules(Lang.EN), Lang.EN, None)
    assert ch.label is expected, ch.reason


def test_an_aggravated_sentence_binds_harder(zh_rules):
    """定罪处罚 -> 定罪从重处罚: the same offence, punished more heavily (it read as no change)."""
    plain = "负有监管职责的国家机关工作人员参与非法采矿的，依照处罚较重的规定定罪处罚。"
    heavy = "负有监管职责的国家机关工作人员参与非法采矿的，依照处罚较重的规定定罪从重处罚。"
    assert label(plain, heavy, zh_rules).label is Label.TIGHTENED
    assert label(heavy, plain, zh_rules).label is Label.RELAXED


@pytest.mark.parametrize("text, modality", [
    ("本规定施行后尚未审结的一审、二审案件，适用本规定。", Modality.PROCEDURE),
    ("已经作出生效判决的案件依法再审的，不适用本规定。", Modality.PROCEDURE),
    ("本条例施行前已经取得的采砂许可证，在有效期内继续有效。", Modality.PROCEDURE),
    # a duty or ban with a date in it stays a duty or ban
    ("采砂单位不得在本条例施行后使用吸砂船。", Modality.PROHIBITION),
    ("本条例施行前设立的采砂单位，应当在本条例施行后六个月内补办许可证。", Modality.OBLIGATION),
])
def test_transitional_provisions_govern_time_not_conduct(text, modality):
    assert [n.modality for n in norms_of(text)] == [modality]


def test_a_new_commencement_and_transition_article_is_reworded(zh_rules):
    ch = label("本规定自2015年7月1日起施行。2015年7月1日后新受理的案件，适用本规定。已经作出生效判决的案件依法再审的，不适用本规定。",
               "本规定自2024年1月1日起施行。施行后发生的纠纷引起的案件适用本规定。", zh_rules)
    assert ch.label is Label.REWORDED, ch.reason




def test_an_authority_acting_then_a_duty_names_the_authority(zh_rules):
    """行政机关实施行政检查，应当出示执法证件: the authority's duty when it inspects, which protects the inspected
    (the first part read as a statement of oversight, a burden, and the duty as the law's addressee's)."""
    ns = norms_of("行政机关实施行政检查，应当出示执法证件。")
    assert [(n.bearer, n.role, n.polarity) for n in ns] == [("行政机关", Role.AUTHORITY, Polarity.RELIEF)]
    ch = label("", "行政机关实施行政检查，应当出示执法证件。", zh_rules)
    assert (ch.label, ch.effect) == (Label.ADDED, Effect.ENABLING), ch.reason
    ch = label("", "市场监督管理部门应当建立信用修复机制，对符合条件的经营主体及时予以信用修复。", zh_rules)
    assert (ch.label, ch.effect) == (Label.ADDED, Effect.ENABLING), ch.reason


def test_a_by_phrase_does_not_open_a_duty_for_the_authority():
    """…的幼儿园，由区教育行政部门管理，不得擅自改变使用性质: the ban is not the department's (a 由-phrase names who
    manages; only an actor at the very start of a part opens the next part's duty)."""
    ns = norms_of("新建小区配套建设的幼儿园，由区教育行政部门管理，不得擅自改变使用性质。")
    ban = [n for n in ns if n.modality is Modality.PROHIBITION]
    assert ban and ban[0].role is not Role.AUTHORITY, [(n.bearer, n.role) for n in ns]


@pytest.mark.parametrize("draft, final", [
    ("", "从事民宿经营的，应当遵守本条例。"),
    ("民宿经营者不得超范围经营。", "民宿经营者应当依法经营，不得超范围经营。"),
    ("", "民宿经营者应当遵守法律、法规。"),
    # a ban that only restates the law
    ("物业服务企业可以与业主约定服务费用。", "物业服务企业可以与业主约定服务费用，但不得违反法律、法规的强制性规定。"),
    ("", "供热单位与用户协商解决纠纷，不得损害国家利益、社会公共利益和他人合法权益。"),
])
def test_a_duty_that_only_restates_the_law_adds_no_burden(zh_rules, draft, final):
    ch = label(draft, final, zh_rules)
    assert ch.label in (Label.REWORDED, Label.ADDED) and ch.effect in (None, Effect.NEUTRAL), ch.reason


def test_a_duty_with_content_after_restating_the_law_is_still_a_duty():
    assert one("民宿经营者应当依法经营，并建立住宿登记制度。").modality is Modality.OBLIGATION


def test_a_ban_with_content_of_its_own_is_still_a_ban():
    assert one("民宿经营者不得违反规定收取押金。").modality is Modality.PROHIBITION
    assert one("供热单位不得损害用户的合法权益。").modality is Modality.PROHIBITION


@pytest.mark.parametrize("draft, final, expected", [
    # a decimal comma is no clause break: 1,5 % is one and a half percent
    ("Fines shall not exceed 1,5 % of annual turnover.", "Fines shall not exceed 3 % of annual turnover.", Label.TIGHTENED),
    ("Fines shall not exceed 3 % of annual turnover.", "Fines shall not exceed 1,5 % of annual turnover.", Label.RELAXED),
    # how long records must be kept, with a floor
    ("Ferry operators shall keep the passenger lists for at least six months.",
     "Ferry operators shall keep the passenger lists for at least one year.", Label.TIGHTENED),
    # immediately is a time limit of no time: a number of days gives more time
    ("Ferry operators shall report accidents immediately.",
     "Ferry operators shall report accidents not later than 15 days after becoming aware of them.", Label.RELAXED),
])
def test_english_numbers_in_clauses(draft, final, expected):
    ch = classify_texts(draft, final, load_rules(Lang.EN), Lang.EN, None)
    assert ch.label is expected, ch.reason


def test_immediately_in_chinese_is_a_time_limit(zh_rules):
    ch = label("渡口经营人发生事故的，应当立即报告。", "渡口经营人发生事故的，应当在二十四小时内报告。", zh_rules)
    assert ch.label is Label.RELAXED, ch.reason


@pytest.mark.parametrize("text", ["海事法庭可以要求当事人披露关联案件情况。", "合议庭应当在三日内作出裁定。",
                                  "仲裁庭可以要求当事人补充证据。"])
def test_a_tribunal_is_an_authority(text):
    """知识产权法庭, 合议庭: parts of a court (only 法院 was in the lexicon, so a tribunal's powers read as the
    litigants' rights).  An arbitral tribunal (仲裁庭) is not the state, but it decides over the parties as a court
    does: its powers bind them and its duties serve them (it read as a party, so 仲裁庭可以按撤回申请处理 was the
    parties' own right).  Where an instrument regulates arbitral bodies, ``regulated:`` names them."""
    assert norms_of(text)[0].role is Role.AUTHORITY
    assert norms_of("当事人可以约定仲裁庭的组成。")[0].role is not Role.AUTHORITY


def test_a_default_consequence_is_a_power_over_the_party(zh_rules):
    """…无正当理由拒不到庭的，仲裁庭可以按撤回申请处理 / 视为放弃: a consequence the tribunal draws against the
    party (it read as the party's own right: enabling)."""
    ch = label("", "申请人经书面通知，无正当理由拒不到庭的，仲裁庭可以按撤回仲裁申请处理。", zh_rules)
    assert ch.effect is not None and ch.effect.value == "burden", ch.reason


def test_a_court_requiring_disclosure_with_an_adverse_inference_is_a_burden(zh_rules):
    ns = norms_of("海事法庭可以要求当事人披露关联案件情况。当事人拒不如实披露的，可以作为认定其是否诚实信用的考量因素。")
    assert [(n.role, n.modality, n.polarity) for n in ns] == [
        (Role.AUTHORITY, Modality.PERMISSION, Polarity.BURDEN), (Role.REGULATED, Modality.SANCTION, Polarity.BURDEN)]
    ch = label("", "海事法庭可以要求当事人披露关联案件情况。当事人拒不如实披露的，可以作为认定其是否诚实信用的考量因素。", zh_rules)
    assert (ch.label, ch.effect) == (Label.ADDED, Effect.BURDEN), ch.reason


def test_a_modal_word_inside_a_description_of_the_subject_binds_nobody():
    """经批准可以受理海事案件的基层人民法院，不再受理上述案件: 可以 describes which courts; it is no right of anyone
    (it read as a right of the regulated, whose removal tightened)."""
    ns = norms_of("本规定施行前经批准可以受理海事案件的基层人民法院，不再受理上述案件。")
    assert all(n.modality is not Modality.PERMISSION and n.polarity is Polarity.NEUTRAL for n in ns), \
        [(n.modality, n.bearer) for n in ns]
    # a modal word that binds the subject it follows is still read
    assert one("依法应当取得许可的经营者，应当公示许可证。").modality is Modality.OBLIGATION


def test_formal_review_instead_of_substantive_review_relaxes(zh_rules):
    """审查 inside 形式审查 is no witness that the act kept its class: a substantive check became a formal one."""
    ch = label("登记机构应当对申报材料进行实质审查。", "登记机构应当对申报材料进行形式审查。", zh_rules)
    assert ch.label is Label.RELAXED, ch.reason


def test_a_prosecutor_suing_in_the_public_interest_is_a_power_over_businesses(zh_rules):
    ch = label("", "经营者破坏生态环境，损害社会公共利益的，人民检察院可以依法向人民法院提起公益诉讼。", zh_rules)
    assert (ch.label, ch.effect) == (Label.ADDED, Effect.BURDEN), ch.reason


def test_a_rule_on_concurrent_offences_adds_no_punishable_conduct(zh_rules):
    """同时又构成…罪的，依照处罚较重的规定定罪处罚 settles which offence already committed applies (it read as a new
    sanction); one that also aggravates (定罪从重处罚) still binds harder."""
    ch = label("", "盗伐林木，同时又构成非法占用农用地罪的，依照处罚较重的规定定罪处罚。", zh_rules)
    assert (ch.label, ch.effect) == (Label.ADDED, Effect.NEUTRAL), ch.reason
    heavy = norms_of("林业工作人员参与盗伐林木，同时构成渎职犯罪和盗伐林木罪的，依照处罚较重的规定定罪从重处罚。")
    assert any(n.modality is Modality.SANCTION and n.polarity is Polarity.BURDEN for n in heavy)


def test_a_grant_stated_by_an_authority_is_a_full_benefit(zh_rules):
    """市人民政府设立专项资金，对…给予补贴: money granted is a benefit (weighed as a service duty), unlike a policy
    statement (本市推进…), which weighs half."""
    removed = label("市人民政府设立专项资金，对渔船节能改造给予补贴。", "", zh_rules)
    assert (removed.label, removed.effect) == (Label.REMOVED, Effect.TIGHTENING), removed.reason
    policy = label("本市推进渔港信息化建设。", "", zh_rules)
    assert policy.effect is Effect.NEUTRAL, policy.reason


def test_a_cap_on_a_courts_time_limit_serves_the_parties(zh_rules):
    """延长后的审理期限累计不得超过六个月 -> 四个月: a shorter cap on the court's own time (it read as a count of
    six, at least, on a regulated party); 不得超过 is an upper bound."""
    ch = label("海事案件延长后的审理期限累计不得超过六个月。", "海事案件延长后的审理期限累计不得超过四个月。", zh_rules)
    assert ch.label is Label.RELAXED, ch.reason
    q = zh_quantities("作业时间不得超过八小时。", 0, condition=False)
    assert [(x.role, x.comparator) for x in q] == [(QuantityRole.PERIOD, Comparator.AT_MOST)]


def test_entering_a_record_or_extending_a_time_limit_is_the_courts_act():
    ns = norms_of("异议不成立的，裁定驳回。裁定以口头方式作出的，应当记入笔录。")
    assert all(n.role is not Role.REGULATED for n in ns), [(n.role, n.action) for n in ns]
    assert norms_of("经本院院长批准，可以延长审理期限。")[0].role is Role.AUTHORITY
    # after a sentence naming a party, the record is still the court's
    after = norms_of("当事人对适用海事特别程序有异议的，应当在开庭前提出。裁定以口头方式作出的，应当记入笔录。")
    assert after[-1].role is Role.AUTHORITY and after[0].role is Role.REGULATED


def test_where_the_state_is_regulated_its_own_acts_are_the_regulated_duties():
    """Read from the point of view of the courts (the state regulated), the court's record-keeping and its time
    limit bind the regulated; read by default they are the state's."""
    text = "当事人对适用海事特别程序有异议的，应当在开庭前提出。裁定以口头方式作出的，应当记入笔录。"
    named, ns = norms_read_as(text, ["人民法院"])
    assert named.public and ns[-1].role is Role.REGULATED
    assert norms_of(text)[-1].role is Role.AUTHORITY


@pytest.mark.parametrize("draft, final, expected", [
    # a number describing the bound party (…以上的企业应当…), with no comma, is a threshold of applicability
    ("年产值五百万元以上的企业应当设立安全管理机构。", "年产值一千万元以上的企业应当设立安全管理机构。", Label.RELAXED),
    ("年产值一千万元以上的企业应当设立安全管理机构。", "年产值五百万元以上的企业应当设立安全管理机构。", Label.TIGHTENED),
    # 报…审批 is an approval: submitting for approval -> for filing steps down the ladder
    ("建设单位应当编制环境影响报告书，报生态环境部门审批。", "建设单位应当编制环境影响报告表，报生态环境部门备案。", Label.RELAXED),
    ("建设单位应当编制环境影响报告表，报生态环境部门备案。", "建设单位应当编制环境影响报告书，报生态环境部门审批。", Label.TIGHTENED),
    # 不满三年 is an upper bound (the 满 in it is no lower bound): lowering it bans fewer drivers
    ("驾龄不满三年的，不得从事网约车经营。", "驾龄不满一年的，不得从事网约车经营。", Label.RELAXED),
    ("驾龄不满一年的，不得从事网约车经营。", "驾龄不满三年的，不得从事网约车经营。", Label.TIGHTENED),
    # a deadline by a date of the year: a later date gives more time
    ("经营者应当于每年3月31日前报送上一年度报告。", "经营者应当于每年6月30日前报送上一年度报告。", Label.RELAXED),
    ("经营者应当于每年六月三十日前报送上一年度报告。", "经营者应当于每年三月三十一日前报送上一年度报告。", Label.TIGHTENED),
    # the months or years an amount to pay is computed over
    ("赔偿义务人应当支付丧葬费，以六个月总额计算。", "赔偿义务人应当支付丧葬费，以十二个月总额计算。", Label.TIGHTENED),
    ("赔偿义务人应当支付死亡赔偿金，按二十年计算。", "赔偿义务人应当支付死亡赔偿金，按十五年计算。", Label.RELAXED),
    # … also when the rule names no payer (丧葬费…以六个月总额计算; 生活费…最长不超过十年: how long it is paid)
    ("丧葬费按照受诉法院所在地上一年度职工月平均工资标准，以六个月总额计算。",
     "丧葬费按照受诉法院所在地上一年度职工月平均工资标准，以三个月总额计算。", Label.RELAXED),
    ("被扶养人生活费按照上一年度人均消费支出标准计算，最长不超过十年。",
     "被扶养人生活费按照上一年度人均消费支出标准计算，最长不超过二十年。", Label.TIGHTENED),
    # an exception whose threshold rises exempts more (…；但是，投资额在三十万元以下的工程除外)
    ("建设单位应当在开工前办理施工许可证；但是，投资额在三十万元以下的工程除外。",
     "建设单位应当在开工前办理施工许可证；但是，投资额在一百万元以下的工程除外。", Label.RELAXED),
    ("建设单位应当在开工前办理施工许可证；但是，投资额在一百万元以下的工程除外。",
     "建设单位应当在开工前办理施工许可证；但是，投资额在三十万元以下的工程除外。", Label.TIGHTENED),
    # an exception in a sentence of its own is still an exception
    ("建设单位应当在开工前办理施工许可证。", "建设单位应当在开工前办理施工许可证；但是，投资额在三十万元以下的工程除外。",
     Label.RELAXED),
    # a deadline at the end of a month; a threshold counted in rooms (间) or flats (套)
    ("物业服务企业应当于每年三月底前公布上一年度的收支情况。", "物业服务企业应当于每年六月底前公布上一年度的收支情况。",
     Label.RELAXED),
    ("客房在五十间以上的旅馆，应当配备专职保安人员。", "客房在一百间以上的旅馆，应当配备专职保安人员。", Label.RELAXED),
    ("住宅在三百套以上的小区，应当设立业主委员会。", "住宅在二百套以上的小区，应当设立业主委员会。", Label.TIGHTENED),
    # a share per mille; hours of training; a denominator (one lifeguard per N square metres)
    ("建设单位应当按照不低于总建筑面积百分之二的比例配置物业管理用房。", "建设单位应当按照不低于总建筑面积千分之五的比例配置物业管理用房。",
     Label.RELAXED),
    ("旅行社应当对导游进行岗前培训，培训时间不少于二十学时。", "旅行社应当对导游进行岗前培训，培训时间不少于十学时。", Label.RELAXED),
    ("游泳场所应当按照每二百五十平方米水面配备一名救生员。", "游泳场所应当按照每五百平方米水面配备一名救生员。", Label.RELAXED),
])
def test_numbers_bounds_and_exceptions_move_the_burden_by_their_role(zh_rules, draft, final, expected):
    """Thresholds in the subject phrase, 报…审批 on the ladder, 不满N as an upper bound, date deadlines, amounts
    computed over months, and the thresholds of an exception (each row's comment says which)."""
    ch = label(draft, final, zh_rules)
    assert ch.label is expected, ch.reason


@pytest.mark.parametrize("text", [
    "生态环境主管部门委托的检测机构不得出具虚假检测报告。",
    "税务机关聘请的专业人员应当保守纳税人的商业秘密。",
])
def test_a_party_the_authority_hired_acts_for_the_state(text):
    """部门委托的机构, 机关聘请的人员: the authority qualifies the party it hired, who acts for the state; its
    duties are not burdens on the regulated (and the authority is not the bearer)."""
    n = one(text)
    assert n.role is Role.AUTHORITY and "部门" not in n.bearer and "机关" not in n.bearer, (n.bearer, n.role)


def test_a_party_the_regulated_hired_is_still_regulated():
    n = one("建设单位委托的监理单位应当如实记录施工情况。")
    assert n.role is Role.REGULATED, (n.bearer, n.role)


def test_a_sanction_on_the_states_own_agent_is_no_burden_on_the_regulated(zh_rules):
    """…聘请的专业人员违反…的，由有关主管机关追究责任；构成犯罪的，依法追究刑事责任: the hold and the criminal
    liability are over the state's own agent; the same sentence about a business burdens it."""
    agent = norms_of("税务机关聘请的专业人员违反本办法第九条规定的，由有关主管机关依法追究责任；构成犯罪的，依法追究刑事责任。")
    assert [n.polarity for n in agent] == [Polarity.NEUTRAL, Polarity.NEUTRAL], [(n.role, n.modality) for n in agent]
    firm = norms_of("经营者违反本办法第九条规定的，由税务机关责令改正；构成犯罪的，依法追究刑事责任。")
    assert [n.polarity for n in firm] == [Polarity.BURDEN, Polarity.BURDEN]


def test_an_ordinal_is_not_a_count():
    """第三人 is a party to a suit and 第二审 an instance, not three persons or two trials."""
    for n in norms_of("第三人可以申请参加诉讼；第二审人民法院应当组成合议庭。"):
        assert not n.quantities, [(q.role, q.text) for q in n.quantities]


@pytest.mark.parametrize("draft, final, expected", [
    # the standing committee reviewing the government's documents oversees the regulated bodies
    ("", "常务委员会法制工作机构可以要求制定机关说明情况。", (Label.ADDED, Effect.BURDEN)),
    # a citizen's right to propose a review is one the regulated bodies must answer
    ("", "公民认为规范性文件违法的，可以向常务委员会书面提出审查建议。", (Label.ADDED, Effect.BURDEN)),
    ("制定机关应当自规范性文件公布之日起三十日内报送备案。", "制定机关应当自规范性文件公布之日起十五日内报送备案。",
     (Label.TIGHTENED, None)),
])
def test_where_the_administration_is_regulated_its_overseers_are_not(zh_rules, draft, final, expected):
    """regulated: names public bodies (制定机关, 区人民政府): people's congresses, their standing committees and courts
    are not regulated with them — their powers burden the regulated bodies, and a citizen's petition to them too."""
    ch = label(draft, final, zh_rules, ("制定机关", "区人民政府"))
    assert (ch.label, ch.effect) == expected, ch.reason


@pytest.mark.parametrize("draft, final, expected", [
    # a saving clause is no one's duty
    ("", "This Directive shall be without prejudice to Regulation (EU) 2016/679.", (Label.ADDED, Effect.NEUTRAL)),
    # an authority's access to a business's records is a power over it
    ("", "The port authority shall have access to the logbooks of the vessel upon a reasoned request.",
     (Label.ADDED, Effect.BURDEN)),
    # a condition that only says when the act is due moves no case in or out of the duty
    ("Ferry operators shall register the vessel in the national register.",
     "Before the first voyage, the ferry operator shall register the vessel in the national register.",
     (Label.REWORDED, None)),
])
def test_english_saving_clauses_access_powers_and_timing(draft, final, expected):
    ch = classify_texts(draft, final, load_rules(Lang.EN), Lang.EN, None)
    assert (ch.label, ch.effect) == expected, ch.reason


def test_an_english_authority_name_does_not_swallow_the_clause():
    """The generic '<words> authority' of the English lexicon matched case-blind across a whole clause ('Each
    Member State shall designate at least one notifying authority' was one actor, so nobody bore the duty)."""
    n = one("Each Member State shall designate at least one notifying authority.", Lang.EN)
    assert (n.bearer, n.role) == ("Member State", Role.AUTHORITY)
    assert one("The data protection authority may order the controller to stop the processing.", Lang.EN).bearer \
        == "data protection authority"


def test_a_lead_that_restates_the_law_first_still_binds_its_items():
    """…，应当遵守法律、法规，尊重社会公德，遵守以下规定：（一）… — the restated law opens the lead; the lead's
    modal word still binds the items (dropping the restating part dropped the modal word with it)."""
    ns = norms_of("提供停车服务，应当遵守法律、法规，尊重社会公德，遵守以下规定：\n（一）公示收费标准；\n（二）不得超标准收费。")
    items = [n for n in ns if n.item]
    assert items and all(n.polarity is Polarity.BURDEN for n in items), [(n.modality, n.text) for n in ns]


@pytest.mark.parametrize("draft, final, expected", [
    # an approval granted on a written commitment (告知承诺制) is a step down the ladder, and back up
    ("本市对食品经营实行许可管理。", "本市对食品经营许可实行告知承诺制。", (Label.RELAXED, None)),
    ("本市对食品经营许可实行告知承诺制。", "本市对食品经营实行许可管理。", (Label.TIGHTENED, None)),
    ("", "本市对食品经营许可实行告知承诺制。", (Label.ADDED, Effect.ENABLING)),
    # an authority's duty that loses a way out serves the party better
    ("申请材料不齐全的，市场监督管理部门应当当场或者在五日内一次告知申请人需要补正的全部内容。",
     "申请材料不齐全的，市场监督管理部门应当当场一次性告知申请人需要补正的全部内容。", (Label.RELAXED, None)),
])
def test_commitment_regimes_and_an_authoritys_fewer_ways_out(zh_rules, draft, final, expected):
    ch = label(draft, final, zh_rules)
    assert (ch.label, ch.effect) == expected, ch.reason


def test_a_mass_event_is_not_the_masses():
    """举办大型群众性活动: 群众性 qualifies the event; 群众 (the public) is not the bearer."""
    n = one_of("举办大型群众性活动，承办者应当在活动举办二十日前提出安全许可申请。")
    assert "群众" not in n.bearer and n.role is Role.REGULATED, (n.bearer, n.role)
    assert n.quantities[0].role is QuantityRole.LEAD, n.quantities


def test_an_english_relative_clause_after_the_bearer_narrows_who_is_bound():
    """Deployers shall … -> Deployers that are bodies governed by public law shall …: fewer parties bound (the
    Chinese 用户 -> 未成年人用户 is read so already); removed, it widens the duty."""
    rules = load_rules(Lang.EN)
    narrowed = classify_texts("Importers shall keep a copy of the certificate.",
                              "Importers that are micro-enterprises shall keep a copy of the certificate.", rules, Lang.EN, None)
    assert narrowed.label is Label.RELAXED, narrowed.reason
    widened = classify_texts("Importers that are micro-enterprises shall keep a copy of the certificate.",
                             "Importers shall keep a copy of the certificate.", rules, Lang.EN, None)
    assert widened.label is Label.TIGHTENED, widened.reason


@pytest.mark.parametrize("draft, final, expected", [
    # --- an order to correct is the lightest power (责令改正 enforces a duty the party already has)
    # the fine now waits for a refusal to correct: lighter, though an order to correct is added
    ("违反本办法规定的，由文化和旅游部门处一万元以上三万元以下罚款。",
     "违反本办法规定的，由文化和旅游部门责令改正；拒不改正的，处一万元以上三万元以下罚款。", Label.RELAXED),
    ("违反本办法规定的，处一万元以上三万元以下罚款。", "违反本办法规定的，责令改正；拒不改正的，处一万元以上三万元以下罚款。",
     Label.RELAXED),
    # closure and a mandatory fine become an order to correct and a discretionary fine
    ("违反本办法规定的，责令停业整顿，并处罚款。", "违反本办法规定的，责令改正，可以处罚款。", Label.RELAXED),
    # an order to correct added where there was nothing: a power over the party, light but real
    ("旅行社应当公示服务价格。", "旅行社应当公示服务价格。违反前款规定的，由文化和旅游部门责令改正。", Label.TIGHTENED),
    # --- refusals, mandatory sanctions and notice deadlines
    # a court or tribunal that may refuse evidence filed late: a consequence for the party, not an exemption
    ("当事人应当在举证期限内提交证据。", "当事人应当在举证期限内提交证据；逾期提交的，人民法院可以不予采纳。", Label.TIGHTENED),
    # a sanction that may be imposed became one that must be, and back
    ("犯本罪的，可以并处罚金。", "犯本罪的，应当并处罚金。", Label.TIGHTENED),
    ("犯本罪的，应当并处罚金。", "犯本罪的，可以并处罚金。", Label.RELAXED),
    # a deadline for the authority to notify the party: longer is less protection
    ("行政复议机构应当自受理之日起五日内通知第三人。", "行政复议机构应当自受理之日起十日内通知第三人。", Label.TIGHTENED),
    ("行政复议机构应当自受理之日起十日内通知第三人。", "行政复议机构应当自受理之日起五日内通知第三人。", Label.RELAXED),
    # --- mitigations on their ladder: 免予刑事处罚 > 减轻处罚 > 从轻处罚
    ("在案发前退还全部违法所得的，可以免予刑事处罚。", "在案发前退还全部违法所得的，可以从轻处罚。", Label.TIGHTENED),
    ("在案发前退还全部违法所得的，可以从轻处罚。", "在案发前退还全部违法所得的，可以减轻处罚。", Label.RELAXED),
    # --- a sanction replaced counts once, by the heavier of the two
    # one sanction replaced by a lighter one relaxes, by a heavier one tightens
    ("违反本办法规定，情节严重的，吊销经营许可证。", "违反本办法规定，情节严重的，责令停业整顿。", Label.RELAXED),
    ("违反本办法规定，情节严重的，责令停业整顿。", "违反本办法规定，情节严重的，吊销经营许可证。", Label.TIGHTENED),
    # the other law's sanction written out here is not a new sanction
    ("违反本办法规定的，依照《中华人民共和国旅游法》的规定处罚。", "违反本办法规定的，由文化和旅游部门处五千元以上二万元以下罚款。",
     Label.REWORDED),
    # --- the time limit of a seizure bounds the authority (暂扣 in it names no new sanction)
    # the time limit of a seizure bounds the authority's hold: a longer one tightens, adding one relaxes
    ("查封、扣押的期限不得超过三十日。", "查封、扣押的期限不得超过六十日。", Label.TIGHTENED),
    ("城市管理部门可以暂扣违法使用的工具。", "城市管理部门可以暂扣违法使用的工具，暂扣期限不得超过三十日。", Label.RELAXED),
])
def test_powers_and_sanctions_move_the_burden_by_their_kind(zh_rules, draft, final, expected):
    """The third round's readings of powers and sanctions (each group's comment says which): an order to correct,
    refusals, discretionary and mandatory sanctions, notice deadlines, mitigations, replaced sanctions and the time
    limits of seizures."""
    ch = label(draft, final, zh_rules)
    assert ch.label is expected, ch.reason


def test_a_refusal_stated_as_the_rule_binds_like_a_duty_to_refuse():
    """有下列情形之一的，登记机关不予登记: no modal word, yet the refusal is the rule (it read as a statement of
    policy at half weight)."""
    n = norms_of("申请材料不齐全的，档案管理机构不予登记。")[0]
    assert (n.role, n.action_class, n.polarity) == (Role.AUTHORITY, "control", Polarity.BURDEN)
    assert n.strength >= 1.5


@pytest.mark.parametrize(("draft", "final", "want"), [
    # a ground of refusal added to the list: the power reaches more applications
    ("有下列情形之一的，登记机关不予受理：\n（一）申请材料虚假的；\n（二）产品已被召回的。",
     "有下列情形之一的，登记机关不予受理：\n（一）申请材料虚假的；\n（二）产品已被召回的；\n（三）申请人被列入经营异常名录的。",
     Label.TIGHTENED),
    # one dropped (and it names a sanction: the item is a case, not a sanction)
    ("有下列情形之一的，登记机关不予受理：\n（一）申请材料虚假的；\n（二）申请人被吊销营业执照未满三年的；\n（三）其他不符合条件的。",
     "有下列情形之一的，登记机关不予受理：\n（一）申请材料虚假的；\n（二）其他不符合条件的。", Label.RELAXED),
    # a case added to a list of exemptions
    ("有下列情形之一的，捕捞者可以不申领许可证：\n（一）休闲垂钓的；\n（二）科研调查的。",
     "有下列情形之一的，捕捞者可以不申领许可证：\n（一）休闲垂钓的；\n（二）科研调查的；\n（三）教学实习的。", Label.RELAXED),
])
def test_a_case_added_to_or_dropped_from_a_list_of_cases_widens_or_narrows_its_norm(zh_rules, draft, final, want):
    """（三）…的 under 有下列情形之一的: one more case of the lead's norm, not a norm of its own (a refusal ground
    weighed half a power, below a label; an item naming 吊销 read as a sanction)."""
    ch = label(draft, final, zh_rules)
    assert ch.label is want, ch.reason
    assert "cases" in ch.reason, ch.reason


@pytest.mark.parametrize("text", ["对被拘留的人，应当在拘留后二十四小时以内进行讯问。",
                                  "申请人被吊销许可证未满三年的，不得再次申请。"])
def test_a_sanction_already_suffered_or_a_time_reckoned_from_one_is_not_a_sanction(text):
    """对被拘留的人, 拘留后二十四小时以内, 被吊销许可证未满三年的: a party's state or a moment, not a sanction the
    clause imposes (each read as a detention or revocation imposed)."""
    assert all(n.modality is not Modality.SANCTION for n in norms_of(text))


@pytest.mark.parametrize(("text", "cls", "pol"), [
    ("公安机关应当在七日内作出决定；案情复杂的，经负责人批准，可以延长三十日。", "extension", Polarity.BURDEN),
    ("市场监督管理部门可以延长当事人的整改期限。", "service", Polarity.RELIEF),
])
def test_an_authority_extending_its_own_time_weighs_on_the_party_extending_the_partys_serves_it(text, cls, pol):
    """可以延长三十日 after the authority's own time limit: the party waits (or is held) longer; 延长整改期限: the
    party has longer (both read as internal, neutral)."""
    n = norms_of(text)[-1]
    assert (n.role, n.action_class, n.polarity) == (Role.AUTHORITY, cls, pol)


@pytest.mark.parametrize("text", ["以暴力、威胁方法收集的证人证言，应当予以排除。", "采用刑讯逼供方法收集的被告人供述，应当予以排除。",
                                  "指定居所监视居住的，除无法通知的以外，应当在二十四小时以内通知被监视居住人的家属。"])
def test_excluding_evidence_or_notifying_a_family_is_the_states_service(text):
    """Nobody named: only the state excludes evidence or tells a detained person's family (read as a duty of the
    regulated)."""
    n = norms_of(text)[-1]
    assert (n.role, n.polarity) == (Role.AUTHORITY, Polarity.RELIEF), n


@pytest.mark.parametrize("text", ["发证机关应当自作出准予登记决定之日起七日内向申请人核发登记证书。",
                                  "申请书有笔误的，应当准许申请人当场补正。"])
def test_issuing_a_certificate_or_allowing_a_party_to_correct_serves_the_party(text):
    """核发登记证书 within a time limit; 应当准许申请人当场补正 with nobody named: the authority's service (read as
    oversight, and as a duty of the party)."""
    n = norms_of(text, regulated=("申请人",))[-1]
    assert (n.role, n.action_class, n.polarity) == (Role.AUTHORITY, "service", Polarity.RELIEF), n


def test_a_limitation_period_is_an_exemption():
    """违法行为在二年内未被发现的，不再给予行政处罚: after the period no penalty (read as a neutral statement)."""
    n = norms_of("违反本条例的行为在三年内未被发现的，不再给予行政处罚。")[0]
    assert (n.modality, n.polarity) == (Modality.EXEMPTION, Polarity.RELIEF), n


def test_an_actor_a_verb_acts_upon_is_not_the_next_clauses_subject():
    """经过审查和询问申请人，…复议机关认为…的，可以…: 申请人 is whom the body questioned, not the bearer (the
    court's discretion read as the party's own right)."""
    n = norms_of("经过审查材料和询问申请人，复议机关认为事实清楚的，可以书面审理。", regulated=("申请人",))[-1]
    assert n.bearer == "复议机关" and n.role is Role.AUTHORITY, n


@pytest.mark.parametrize(("text", "cls"), [("仲裁庭认为不需要开庭的，可以不开庭审理。", "dispensation"),
                                           ("登记机关收到申请材料的，应当向申请人出具回执。", "service")])
def test_doing_without_a_hearing_weighs_on_the_party_a_receipt_serves_it(text, cls):
    """可以不开庭审理: less process for the party (read as internal); 出具回执: a service (read as internal)."""
    n = norms_of(text, regulated=("申请人", "当事人"))[-1]
    assert (n.role, n.action_class) == (Role.AUTHORITY, cls), n


@pytest.mark.parametrize(("text", "cls"), [
    ("Before adopting the measure, the national authority shall give the importer the opportunity to be heard.", "service"),
    ("The Board may, by means of a reasoned decision, extend the deadline by a further 15 days.", "extension"),
])
def test_english_a_hearing_serves_the_party_an_extension_of_an_authoritys_own_time_weighs_on_it(text, cls):
    """the opportunity to be heard (only "hear" was a service); an authority that may extend its deadline (internal)."""
    n = norms_of(text, Lang.EN)[-1]
    assert (n.role, n.action_class) == (Role.AUTHORITY, cls), n


@pytest.mark.parametrize(("text", "value"), [("应当经全体股东三分之二以上同意。", 66.67), ("须经出席会议的过半数委员通过。", 50.0),
                                             ("应当经百分之六十以上的会员表决通过。", 60.0)])
def test_a_required_majority_is_a_count_floor_in_percent(text, value):
    """三分之二以上 / 过半数 / 百分之六十以上 before 同意, 通过: the share that must agree (fractions were not read;
    a percentage was an amount no rule weighs)."""
    q = [q for n in norms_of(text) for q in n.quantities]
    assert [(q.role, q.value, q.unit, q.comparator) for q in q] == [
        (QuantityRole.COUNT, value, "percent", Comparator.AT_LEAST)]


def test_publishing_the_results_of_rating_the_regulated_is_a_control(zh_rules):
    """对旅行社开展质量评定，评定结果向社会公布: a public rating of the regulated (公布 read it as a service)."""
    ch = label("", "文化和旅游部门应当定期对旅行社开展服务质量评定，评定结果向社会公布。", zh_rules)
    assert ch.effect is not None and ch.effect.value == "burden", ch.reason


def test_english_a_condition_after_the_act_without_a_comma_is_the_norms_condition(en_rules):
    """…shall carry out an audit where the turnover exceeds …: the audit is now owed in fewer cases (the
    condition read as part of the act); "in the Member State where they are established" is no condition."""
    ch = classify_texts("Importers shall carry out an audit of their suppliers.",
                        "Importers shall carry out an audit of their suppliers where the supplier is located outside the Union.",
                        en_rules, Lang.EN, ("importer",))
    assert ch.label is Label.RELAXED, ch.reason
    n = norms_of("Importers shall register in the Member State where they are established.", Lang.EN)[0]
    assert n.conditions == ()


def test_english_where_appropriate_between_commas_qualifies_the_act():
    """", where appropriate, of the risks": the act is one (it was cut into a duty and a statement)."""
    ns = norms_of("Distributors shall inform customers, where appropriate, of the safety instructions.", Lang.EN)
    assert len(ns) == 1 and ns[0].effort and "safety instructions" in ns[0].action, ns


@pytest.mark.parametrize(("draft", "final", "want"), [
    ("Carriers shall keep passenger lists for one year.",
     "Carriers shall keep passenger lists for one year and transmit them to the competent authority upon request.",
     Label.TIGHTENED),
    ("Carriers shall keep passenger lists for one year and transmit them to the competent authority upon request.",
     "Carriers shall keep passenger lists for one year.", Label.RELAXED),
])
def test_english_an_act_joined_by_and_at_the_end_of_a_duty_is_one_more_act(en_rules, draft, final, want):
    """"… and transmit them to the competent authority upon request": one more act the duty requires (the
    authority's name in it read as a renaming)."""
    assert classify_texts(draft, final, en_rules, Lang.EN, ("carrier",)).label is want


def test_english_providing_a_party_with_advice_serves_it():
    n = norms_of("The national authority shall provide the applicant with written advice within 30 days.", Lang.EN)[0]
    assert (n.role, n.action_class) == (Role.AUTHORITY, "service"), n


@pytest.mark.parametrize(("draft", "final", "want"), [
    ("因工死亡的，丧葬补助金按照统筹地区上年度城镇居民人均可支配收入或者农村居民人均可支配收入计算。",
     "因工死亡的，丧葬补助金按照统筹地区上年度城镇居民人均可支配收入计算。", Label.TIGHTENED),
    ("被征收房屋的补偿金按照当地城镇居民人均住房面积标准计算。",
     "被征收房屋的补偿金按照当地城镇居民或者农村居民人均住房面积标准计算。", Label.RELAXED),
])
def test_an_amount_computed_on_the_higher_base_alone_rises_for_the_payer(zh_rules, draft, final, want):
    """城镇…或者农村…标准 -> 城镇…标准: the rural base (the lower figure) dropped, so rural claimants are paid on
    the urban base (it read as wording); only amounts a rule computes (payable) move."""
    assert label(draft, final, zh_rules).label is want
    other = label("经营者应当向城镇居民公示收费标准。", "经营者应当向农村居民公示收费标准。", zh_rules)
    assert "amount" not in other.reason, other.reason


def test_an_occasion_clause_names_its_actor_after_a_description(zh_rules):
    """新建建设项目的建设单位申请取水许可，应当进行水资源论证: 建设单位 bears the duty and the licence applied for is its
    occasion (the bearer was carried over from the sentence before, and the licence was lost)."""
    ns = norms_of("新建、扩建建设项目的建设单位申请排污许可，应当进行环境影响评价。")
    assert ns[-1].bearer == "建设单位" and ns[-1].modality is Modality.OBLIGATION, ns
    ch = label("新建建设项目的建设单位申请排污许可前，应当进行环境影响评价。",
               "新建建设项目的建设单位申请排污许可，应当进行环境影响评价。", zh_rules)
    assert ch.label is Label.REWORDED, ch.reason


@pytest.mark.parametrize(("draft", "final", "want"), [
    ("The maximum penalty is 6 months' imprisonment.", "The maximum penalty is 2 years' imprisonment.", Label.TIGHTENED),
    ("An applicant must pay a fee of £400.", "An applicant must pay a fee of £150.", Label.RELAXED),
    ("The regulator may serve a stop notice on an operator.",
     "The regulator may serve a stop notice on an operator only after giving the operator an opportunity to be heard.",
     Label.RELAXED),
])
def test_english_common_law_terms(en_rules, draft, final, want):
    """months' imprisonment and pounds are numbers a sanction or a fee carries; a stop notice is a power, and
    "only after …" a condition on it (all read as wording)."""
    ch = classify_texts(draft, final, en_rules, Lang.EN, None)
    assert ch.label is want, ch.reason


def test_a_control_abolished_by_policy_weighs_a_full_norm(zh_rules):
    """本市探索取消…审查，实施告知承诺制: deregulation stated as policy (a service statement weighed half a norm, below a
    label); 取消其投标资格 is a sanction, not a control abolished."""
    ch = label("本市推行建筑师负责制。", "本市推行建筑师负责制。本市探索取消消防设计审查，实施告知承诺制。", zh_rules)
    assert ch.label is Label.RELAXED, ch.reason
    n = norms_of("对串通投标的，由住房城乡建设部门取消其投标资格。")[0]
    assert (n.modality, n.polarity) == (Modality.SANCTION, Polarity.BURDEN)


@pytest.mark.parametrize(("draft", "final", "regulated", "expected"), [
    # --- conditions and lists of cases
    # a condition that gains a member is the same condition widened (read as one dropped and another added)
    ("责令停产停业的，行政机关应当告知当事人有要求举行听证的权利。",
     "责令停产停业、吊销许可证的，行政机关应当告知当事人有要求举行听证的权利。", ("当事人",), Label.RELAXED),
    # a case split in two so that another article can cite one adds no case
    ("有下列情形之一的，应当认定为情节严重：\n（一）致人死亡或者重度残疾的；\n（二）违法所得五十万元以上的。",
     "有下列情形之一的，应当认定为情节严重：\n（一）致人死亡的；\n（二）造成重度残疾以上的；\n（三）违法所得五十万元以上的。",
     None, Label.REWORDED),
    # --- periods: a floor under a party's period protects it (read as a prohibition on the party)
    ("答辩期限由仲裁庭确定。", "答辩期限由仲裁庭确定，适用简易程序的不得少于七日。", ("当事人",), Label.RELAXED),
    # --- bans that only restate a duty's converse add no norm; a ban on something else still counts
    ("出租车应当在核定区域营运。", "出租车应当在核定区域营运，不得超出核定区域营运。", None, Label.REWORDED),
    ("出租车应当在核定区域营运。", "出租车应当在核定区域营运，不得超出核定区域揽客或者拒载。", None, Label.TIGHTENED),
    ("医疗广告应当经卫生健康部门审查批准。", "医疗广告应当经卫生健康部门审查批准；未经审查批准的，不得发布。", None,
     Label.REWORDED),
    # --- an approval layer removed is a step down the ladder (the approval left is a regime of the act in the
    # condition, which read as a competence statement with no instrument); added back, a step up
    ("设置户外广告牌的，应当经城市管理部门审查同意，由规划部门负责对设计方案进行审批。",
     "设置户外广告牌的，由规划部门负责对设计方案进行审批。", None, Label.RELAXED),
    ("设置户外广告牌的，由规划部门负责对设计方案进行审批。",
     "设置户外广告牌的，应当经城市管理部门审查同意，由规划部门负责对设计方案进行审批。", None, Label.TIGHTENED),
    # --- definitions of a party: fewer parties bound relaxes, a wider protected group tightens (a definition read
    # as neutral wording); an item of a list of definitions defines its term (it inherited the lead's statement)
    ("本办法所称排污单位，是指排放污染物的企业事业单位和其他生产经营者。",
     "本办法所称排污单位，是指排放污染物的企业事业单位。", None, Label.RELAXED),
    ("本规定所称旅游者，是指参加团队旅游的个人。", "本规定所称旅游者，是指参加团队旅游或者自助旅游的个人。", None,
     Label.TIGHTENED),
    ("本条例下列用语的含义：\n（一）设施，是指停车设施。\n（二）经营主体，是指从事停车经营的企业或者个体工商户。",
     "本条例下列用语的含义：\n（一）设施，是指停车设施。\n（二）经营主体，是指从事停车经营的企业。", None, Label.RELAXED),
    # --- a qualifier dropped inside a compound party name (重要 + 数据处理者, whose lexicon noun is 处理者)
    ("重要数据处理者应当明确数据安全负责人。", "数据处理者应当明确数据安全负责人。", None, Label.TIGHTENED),
    # --- factors weighed in setting a penalty move by whom they favour (read as one more burden either way)
    ("确定罚款数额时，应当考虑违法行为的性质和情节等因素。",
     "确定罚款数额时，应当考虑违法行为的性质、情节和当事人主动消除违法行为危害后果的情况等因素。", None, Label.RELAXED),
    ("确定罚款数额时，应当考虑违法行为的性质和情节等因素。",
     "确定罚款数额时，应当考虑违法行为的性质、情节和违法所得等因素。", None, Label.TIGHTENED),
    # --- promoting electronic guarantees (in place of cash deposits) is a facilitation: more deposits covered
    ("本市推广投标保证金使用电子保函。", "本市推广投标保证金、质量保证金使用电子保函。", None, Label.RELAXED),
])
def test_cases_definitions_bans_and_factors_move_the_burden_by_what_they_reach(zh_rules, draft, final, regulated,
                                                                              expected):
    """The fourth round's readings of conditions, cases, definitions, restating bans, approval layers and penalty
    factors (each group's comment says which and how it read before)."""
    ch = label(draft, final, zh_rules, regulated)
    assert ch.label is expected, ch.reason
