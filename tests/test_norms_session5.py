"""Readings of the fifth round (2026-12-05, evening): who holds a norm an authority grants or a list item states,
what a proviso's alternatives do, and how a review of the party's files is weighed.  Sentences of our own, from
domains none of the corpora cover."""

from __future__ import annotations

import pytest
from test_norms import label, norms_of

from lawdiff.classify.label import classify_texts
from lawdiff.classify.rules import load_rules
from lawdiff.model import Label, Lang, Modality, Polarity, Role


@pytest.fixture(scope="module")
def zh_rules():
    return load_rules(Lang.ZH)


_LEAD = "区人民政府应当采取下列措施便利个体工商户登记：\n（一）推行经营场所自主申报登记；\n" \
        "（二）允许个体工商户以网络经营场所作为登记住所；\n（三）个体工商户设立分店，可以申请在营业执照上注明分店地址。"


def test_items_of_a_measures_lead_are_its_measures_and_what_an_authority_allows_is_the_partys_permission():
    items = [n for n in norms_of(_LEAD) if n.item]
    got = [(n.role, n.modality, n.polarity, n.action_class) for n in items]
    assert got == [
        # （一）推行…登记: one of the measures that ease registration, not an inspection
        (Role.AUTHORITY, Modality.OBLIGATION, Polarity.RELIEF, "service"),
        # （二）允许个体工商户…: the authority allows, the business may
        (Role.REGULATED, Modality.PERMISSION, Polarity.RELIEF, ""),
        # （三）个体工商户设立分店，可以申请…: the actor opening the item, after its number, holds the permission
        (Role.REGULATED, Modality.PERMISSION, Polarity.RELIEF, ""),
    ]


@pytest.mark.parametrize(("draft", "final"), [
    (_LEAD, _LEAD.replace("（三）个体工商户设立分店，", "（三）设立分店的，")),
    # the item's number is no part of the condition's words (（一）设立分公司的 restates 平台公司设立分公司)
    ("网约车平台公司应当遵守下列规定：\n（一）平台公司设立分公司，应当向市交通运输部门备案；",
     "网约车平台公司应当遵守下列规定：\n（一）设立分公司的，应当向市交通运输部门备案；"),
])
def test_an_item_whose_subject_became_a_condition_is_reworded(zh_rules, draft, final):
    assert label(draft, final, zh_rules).label is Label.REWORDED


@pytest.mark.parametrize(("draft", "final", "want"), [
    # a way to comply added to a proviso duty (但应当…或者…) makes the permission easier to use
    ("个体工商户可以在住所以外开展经营，但应当公示经营场所地址。",
     "个体工商户可以在住所以外开展经营，但应当公示经营场所地址或者联系电话。", Label.RELAXED),
    # … while a case added to a true exception still narrows the norm it excepts
    ("旅行社应当投保旅行社责任险，但是只经营入境旅游业务的除外。",
     "旅行社应当投保旅行社责任险，但是只经营入境旅游业务或者在线旅游业务的除外。", Label.RELAXED),
    # a review on the merits became a check of form: the authority checks the party less
    ("不动产登记机构应当对申请人提交的权属证明材料进行审查。",
     "不动产登记机构应当对申请人提交的权属证明材料进行形式审查。", Label.RELAXED),
    # an interval of school terms: a drill each term instead of each school year is more often
    ("幼儿园应当每学年组织一次消防演练。", "幼儿园应当每学期组织一次消防演练。", Label.TIGHTENED),
    # 未成年人、精神病人的监护人: the listed modifiers qualify the guardian, who bears the duty (and now more of them)
    ("未成年人的监护人应当履行监护职责。", "未成年人、精神病人的监护人应当履行监护职责。", Label.TIGHTENED),
    # a power over the regulated that gains one more act
    ("海关可以要求进口商说明情况。", "海关可以要求进口商说明情况，并查阅有关账簿。", Label.TIGHTENED),
    # a permission that needed someone's consent now needs only prior notice: down the ladder
    ("个体工商户经房屋所有人同意，可以将住宅改为经营场所。", "个体工商户事先告知房屋所有人后，可以将住宅改为经营场所。",
     Label.RELAXED),
    # a penalty that gains lighter alternatives (管制; a fine alone) can be milder
    ("非法采伐珍贵树木的，处三年以下有期徒刑或者拘役，并处罚金。",
     "非法采伐珍贵树木的，处三年以下有期徒刑、拘役或者管制，并处或者单处罚金。", Label.RELAXED),
    # a mitigation deleted (应当从宽处罚 binds the court in the offender's favour, it is no duty of the offender)
    ("情节较轻的，可以不起诉；确有必要判处刑罚的，应当从宽处罚。", "情节较轻的，可以不起诉。", Label.TIGHTENED),
    # an act put in right after the modal word, also when the diff takes the renamed bearer with it
    ("物业服务企业应当按照合同约定提供服务。", "物业服务企业应当加强对从业人员的管理，按照合同约定提供服务。", Label.TIGHTENED),
    ("物业服务企业应当按照合同约定提供服务。", "物业服务人应当加强对从业人员的管理，按照合同约定提供服务。", Label.TIGHTENED),
    # an authority's use of reports it already had: the word that classes the new wording (调查) stood in the old one
    ("统计调查报告能够满足政府有关部门履行职责需要的，政府有关部门应当利用。",
     "政府有关部门应当根据工作需要，充分运用统计调查报告。", Label.REWORDED),
    # a cap (限养一只) is a ban on more: raised, it relaxes
    ("在重点管理区内，个人每户限养一只犬。", "在重点管理区内，个人每户限养两只犬。", Label.RELAXED),
    # an authority that finds a vehicle parked unlawfully may tow it: the authority, not the vehicle, holds the power
    ("", "公安机关交通管理部门发现违法停放的机动车，可以将车辆拖移至指定地点。", "burden"),
])
def test_fifth_round_labels(zh_rules, draft, final, want):
    ch = label(draft, final, zh_rules)
    got = ch.effect.value if ch.effect is not None else ch.label
    assert got == want, ch.reason


@pytest.fixture(scope="module")
def en_rules():
    return load_rules(Lang.EN)


@pytest.mark.parametrize(("draft", "final", "want"), [
    # the result a duty names became what an effort aims at
    ("Manufacturers shall ensure that their devices are free of defects.",
     "Manufacturers shall take appropriate measures to ensure that their devices are, as far as possible, free of "
     "defects.", Label.RELAXED),
    ("Employers shall ensure that their staff are trained in first aid.",
     "Employers shall take measures to ensure, to their best extent, that their staff are trained in first aid.",
     Label.RELAXED),
    # an authority that must carry out checks now may: a lighter hold
    ("The port authority shall carry out checks on vessels in transit.",
     "The port authority may carry out checks on vessels in transit.", Label.RELAXED),
    # a condition between commas after the modal word ("shall, upon request, provide") is the duty's condition
    ("Operators shall, upon request, provide the regulator with their safety records.",
     "Operators shall provide the regulator with their safety records.", Label.TIGHTENED),
    # a modifier put into the bearer's complement narrows who is bound
    ("Operators of online platforms shall publish an annual transparency report.",
     "Operators of very large online platforms shall publish an annual transparency report.", Label.RELAXED),
    # one more thing the duty's that-clause requires
    ("Distributors shall verify that the toy bears the CE marking.",
     "Distributors shall verify that the toy bears the CE marking and is accompanied by instructions in the official language.",
     Label.TIGHTENED),
])
def test_fifth_round_english_labels(en_rules, draft, final, want):
    ch = classify_texts(draft, final, en_rules, Lang.EN, None)
    assert ch.label is want, ch.reason
