"""Draft or revision, and the order of the files: the kind of a pair from --kind, meta.yaml or the texts; one
warning line when the second file looks older or like the draft; meta.yaml turned to its files by name or
content, never by position alone."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner
from conftest import CORPORA, corpus

from lawdiff.cli import main
from lawdiff.io.meta import load_meta
from lawdiff.model import Lang, OrderSign, PairKind, VersionMeta
from lawdiff.parse import parse_text
from lawdiff.pipeline import by_content, compare_files
from lawdiff.signal.versions import dates_in, own_date, pair_versions


def run(*args: str):
    return CliRunner().invoke(main, list(args), env={"NO_COLOR": "1"})


def versions(draft: str, final: str, *, lang: Lang = Lang.ZH, kind: PairKind | None = None, dm=None, fm=None):
    d, f = parse_text(draft, lang=lang), parse_text(final, lang=lang)
    return pair_versions(d, f, dm or VersionMeta(d.title), fm or VersionMeta(f.title), lang=lang, kind=kind)


DRAFT = "某某管理办法\n（征求意见稿）\n第一条　甲应当登记。\n第二条　本办法自 年 月 日起施行。\n"
FINAL = "某某管理办法\n第一条　甲应当登记。\n第二条　本办法自2024年3月1日起施行。\n"
OLD = "某某条例\n2010年5月1日某某人民代表大会常务委员会通过\n第一条　甲应当登记。\n"
NEW = "某某条例\n2010年5月1日某某人民代表大会常务委员会通过\n2022年6月24日修正\n第一条　甲可以登记。\n"


@pytest.mark.parametrize(("text", "dates"), [
    ("2023年7月10日通过", ["2023-07-10"]),
    ("二〇二三年七月十日", ["2023-07-10"]),
    ("２０２３年１月５日 and 2021-04-21", ["2023-01-05", "2021-04-21"]),
    ("of 13 June 2024; adopted June 1, 2024", ["2024-06-13", "2024-06-01"]),
    ("自 年 月 日起施行", []),
])
def test_dates_in_texts(text, dates):
    assert dates_in(text) == dates


@pytest.mark.parametrize(("draft", "final", "kind"), [
    (DRAFT, FINAL, PairKind.DRAFT_FINAL),  # 征求意见稿 in the title
    (FINAL.replace("2024年3月1日", "××××年××月××日"), FINAL, PairKind.DRAFT_FINAL),  # a blank commencement date
    (OLD, NEW, PairKind.REVISION),  # an amendment history
    ("某办法\n第一条　甲。\n", "某办法\n第一条　乙。\n", PairKind.REVISION),  # no sign: it calls no text a draft
])
def test_kind_is_read_from_the_texts(draft, final, kind):
    assert versions(draft, final).kind is kind and not versions(draft, final).kind_given


def test_kind_of_an_eu_proposal_and_the_given_kind_wins():
    v = versions("Proposal for a Regulation\nArticle 1\nX shall apply.\n", "Regulation (EU) 2024/1\nArticle 1\nX applies.\n",
                 lang=Lang.EN)
    assert v.kind is PairKind.PROPOSAL_ADOPTED
    given = versions(DRAFT, FINAL, kind=PairKind.REVISION)
    assert given.kind is PairKind.REVISION and given.kind_given


def test_the_right_order_raises_nothing_and_the_wrong_order_says_why():
    assert versions(DRAFT, FINAL).order == ()
    assert versions(OLD, NEW).order == ()
    swapped = versions(FINAL, DRAFT)
    assert [h.sign for h in swapped.order] == [OrderSign.DRAFT_TITLE, OrderSign.PLACEHOLDER_DATE]
    assert swapped.order[0].evidence == "征求意见稿" and "年 月 日" in swapped.order[1].evidence
    older = versions(NEW, OLD)
    assert [(h.sign, h.evidence, h.against) for h in older.order] == [
        (OrderSign.EARLIER_DATE, "2010-05-01", "2022-06-24")]
    assert older.draft_date_inferred and older.final_date == "2010-05-01"


def test_meta_dates_count_before_the_texts_own():
    v = versions(OLD, NEW, dm=VersionMeta("某某条例", date="2023-01-01"), fm=VersionMeta("某某条例", date="2022"))
    assert v.order and v.order[0].evidence == "2022" and not v.draft_date_inferred


def test_own_date_prefers_the_history_to_the_commencement_article():
    assert own_date(parse_text(NEW)) == "2022-06-24"
    assert own_date(parse_text(FINAL)) == "2024-03-01"
    assert own_date(parse_text(DRAFT)) == ""


# --------------------------------------------------------------------------- meta.yaml and the files


def test_meta_follows_the_files_given_the_other_way_round():
    old, new = corpus("anti-monopoly-law-2022", "draft"), corpus("anti-monopoly-law-2022", "final")
    straight = compare_files(old, new)
    swapped = compare_files(new, old)
    assert straight.draft_meta.date == "2007-08-30" and swapped.draft_meta.date == "2022-06-24"
    assert straight.versions.order == ()
    assert [h.sign for h in swapped.versions.order] == [OrderSign.EARLIER_DATE]
    assert swapped.versions.kind is PairKind.REVISION and swapped.versions.kind_given  # meta.yaml kind:


def test_meta_matched_by_content_when_the_names_differ(tmp_path):
    meta = load_meta(CORPORA / "genai-2023" / "meta.yaml")
    a, b = tmp_path / "one.txt", tmp_path / "two.txt"
    shutil.copy(corpus("genai-2023", "final"), a)
    shutil.copy(corpus("genai-2023", "draft"), b)
    report = compare_files(a, b, meta=meta)  # names say nothing; the titles do
    assert report.draft_meta.title == "生成式人工智能服务管理暂行办法" and report.draft_meta.date == "2023-07-10"
    assert report.final_meta.title.endswith("（征求意见稿）")


def test_meta_that_names_neither_file_lends_no_titles():
    meta = load_meta(CORPORA / "genai-2023" / "meta.yaml")
    other = parse_text("别的办法\n第一条　甲。\n")
    turned = by_content(meta, other, other)
    assert turned.draft.title == "" and turned.final.title == "" and turned.kind is PairKind.DRAFT_FINAL
    assert turned.regulated == meta.regulated


# --------------------------------------------------------------------------- the command line


def test_headers_follow_the_kind_and_kind_overrides():
    d, f = str(corpus("anti-monopoly-law-2022", "draft")), str(corpus("anti-monopoly-law-2022", "final"))
    md = run("report", d, f).stdout
    assert "|  | 修订前 | 修订后 |" in md and "| 文本性质 | 修订前 | 修订后 |" in md
    forced = run("report", d, f, "--kind", "draft-final").stdout
    assert "|  | 征求意见稿 | 正式文本 |" in forced
    en = run("report", d, f, "--ui", "en").stdout
    assert "|  | Before revision | After revision |" in en
    bad = run("report", d, f, "--kind", "final-draft")
    assert bad.exit_code == 2 and "final-draft" in bad.output


def test_wrong_order_is_one_warning_line_and_nothing_stops(tmp_path):
    d, f = str(corpus("genai-2023", "draft")), str(corpus("genai-2023", "final"))
    out = tmp_path / "r.md"
    res = run("report", f, d, "-o", str(out))
    assert res.exit_code == 1 and out.is_file()
    warnings = [line for line in res.stderr.splitlines() if "顺序" in line]
    assert len(warnings) == 1
    assert warnings[0].startswith("lawdiff: 注意：文件顺序可能颠倒：第二个文件")
    assert "标题含“征求意见稿”" in warnings[0] and "请确认第一个文件是征求意见稿" in warnings[0]
    assert "文件顺序可能颠倒" in out.read_text(encoding="utf-8")  # and in the report's warnings
    terminal = run("diff", f, d, "--no-signal")
    assert terminal.stdout.count("文件顺序可能颠倒") == 1 and "顺序" not in terminal.stderr  # the header says it
    right = run("report", d, f, "-o", str(out))
    assert "顺序" not in right.stderr
