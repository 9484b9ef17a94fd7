"""Hostile and broken input: lawdiff never crashes, never loses work, never runs code.

One test per row of the bad-input table (README "Input handling").  Every refusal is exit code 2 with
exactly one line on stderr that names the file, the cause and the fix, and no traceback.  Most rows run
through click's CliRunner with ``catch_exceptions=False`` (an uncaught exception fails the test); the
``subprocess`` rows run the real ``python -m lawdiff.cli`` and ``lawdiff`` entry point, so that what
reaches a terminal is checked too.  Inputs are built in ``tmp_path``; nothing here writes more than a few
MB to disk (the 50 MB file is sparse).
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import CORPORA, ROOT, assert_refused, load_script, run, write

from lawdiff.text.numerals import cn_to_int

LAW = "某某服务管理办法\n第一条　为了规范服务，制定本办法。\n第二条　提供者应当遵守法律。\n第三条　本办法自公布之日起施行。\n"
EN_LAW = "An Act on Services\nArticle 1\nScope\nThis Act applies to providers.\nArticle 2\nProviders shall comply.\n"


@pytest.fixture
def law(tmp_path) -> Path:
    return write(tmp_path / "law.txt", LAW)


# ----------------------------------------------------------------------------------------- refusals

GBK_LAW = LAW.encode("gbk")
# a UTF-8 file with a GBK paragraph pasted into it
MIXED = LAW.encode("utf-8") + "第四条　提供者不得泄露个人信息。\n".encode("gbk")

REFUSED = [
    # id, file name, content (None: do not create), needles (cause ... fix)
    ("missing", "missing.txt", None, ("missing.txt: no such file", "check the path")),
    ("empty", "empty.txt", b"", ("the file is empty", "give a file with the text of a law")),
    ("whitespace", "blank.txt", " \n\t\r\n\u3000\n".encode(), ("contains only whitespace", "give a file")),
    ("png", "law.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), ("looks like a PNG image",
                                                                                  "save the law as a .txt")),
    ("pdf", "law.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", ("looks like a PDF file", "save the law as")),
    ("zip", "law.docx", b"PK\x03\x04\x14\x00\x06\x00" + bytes(200), ("looks like a ZIP archive", "save the law as")),
    ("nul-bytes", "law.bin", b"\x01\x02\x00\x00" + bytes(range(256)) * 4, ("contains NUL bytes", "save it as UTF-8")),
    ("truncated-utf8", "cut.txt", LAW.encode()[:-2], ("looks truncated", "re-save or re-download it")),
    ("mixed-encodings", "mixed.txt", MIXED, ("mixes encodings", "line 5", "re-save the whole file in one encoding")),
    ("not-utf8-nor-gb18030", "junk.txt", b"abc\xff" * 40, ("not valid UTF-8", "nor GB18030", "pass --encoding")),
    ("control-characters", "ctl.txt", ("第一条" + "\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 3).encode(),
     ("contains control characters", "save the law as a .txt")),
]


@pytest.mark.parametrize(("name", "content", "needles"), [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED])
def test_bad_input_is_refused_in_one_line(tmp_path, law, name, content, needles):
    bad = tmp_path / name
    if content is not None:
        write(bad, content)
    line = assert_refused(run("diff", str(bad), str(law)), str(bad), *needles)
    assert ";" in line  # "cause; fix"
    # the same file as FINAL is refused the same way
    assert_refused(run("diff", str(law), str(bad)), str(bad), *needles)


def test_directory(tmp_path, law):
    assert_refused(run("diff", str(tmp_path), str(law)), "is a directory", "give the path of a text file inside it")


def test_gbk_bytes_with_encoding_utf8(tmp_path, law):
    gbk = write(tmp_path / "gbk.txt", GBK_LAW)
    assert run("diff", str(gbk), str(law), "--no-signal").exit_code == 0  # detected as GB18030: same text
    assert_refused(run("diff", str(gbk), str(law), "--encoding", "utf-8"), "are not valid utf-8", "check --encoding")


@pytest.mark.parametrize(("encoding", "needle"), [("klingon", "unknown encoding 'klingon'"),
                                                  ("rot13", "'rot13' is not a text encoding"),
                                                  ("base64", "'base64' is not a text encoding"),
                                                  ("idna", "not valid idna"),
                                                  ("undefined", "cannot be decoded as undefined"),
                                                  ("raw_unicode_escape", "unpaired surrogate characters")])
def test_unusable_encoding_option(tmp_path, encoding, needle):
    p = write(tmp_path / "law.txt", LAW + "第四条　\\ud800\n")
    assert_refused(run("diff", str(p), str(p), "--encoding", encoding), needle, "use e.g. utf-8"
                   if "encoding" in needle else "check --encoding")


def test_fifty_megabytes_refused_without_reading(tmp_path, law):
    """read.py refuses files over 20 MB (the civil code, the longest national law, is 0.4 MB).  The file is
    sparse (``truncate``): nothing is written to disk, and lawdiff must not read it to find out."""
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    started = time.monotonic()
    assert_refused(run("diff", str(big), str(law)), "50 MB is larger than the 20 MB limit for one law text",
                   "split it into one file per law")
    assert time.monotonic() - started < 5


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_device_refused(law):
    """A file whose size stat() does not know (a device, a pipe) is read only up to the limit."""
    assert_refused(run("diff", "/dev/zero", str(law)), "is larger than the 20 MB limit")


def test_chinese_draft_english_final_refused(tmp_path, law):
    en = write(tmp_path / "en.txt", EN_LAW)
    assert_refused(run("diff", str(law), str(en)), "reads as zh", "reads as en", "same language",
                   "give two texts in one language")


@pytest.mark.parametrize("text", ["<!-- nothing but a comment -->\n", "**\n", "# \n", "<p></p><div></div>\n"])
def test_markup_without_words(tmp_path, law, text):
    p = write(tmp_path / "markup.txt", text)
    res = run("diff", str(p), str(law))
    assert res.exit_code == 2 and "Traceback" not in res.output
    assert_refused(res, str(p), "give")


def test_one_line_without_articles_is_compared(tmp_path, law):
    """A one-line file is that line, compared (it was refused as having "no paragraphs")."""
    p = write(tmp_path / "one.txt", "某某服务管理办法\n")
    res = run("diff", str(p), str(law), "--format", "json")
    assert res.exit_code == 1, res.output
    assert json.loads(res.stdout)["draft"]["articles"] == 1


# ------------------------------------------------------------------------ accepted, with a warning


def _units(res) -> list[dict]:
    return json.loads(res.stdout)["units"]


def test_same_file_twice_is_no_difference(law):
    res = run("diff", str(law), str(law), "--format", "json")
    assert res.exit_code == 0
    data = json.loads(res.stdout)
    assert data["changed"] is False
    assert {u["label"] for u in data["units"]} == {"unchanged"}
    assert run("diff", str(law), str(law), "--no-signal").exit_code == 0


@pytest.mark.parametrize(("ending", "name"), [("\r\n", "windows"), ("\r", "old-mac")])
def test_line_endings(tmp_path, law, ending, name):
    p = write(tmp_path / f"{name}.txt", LAW.replace("\n", ending))
    res = run("diff", str(p), str(law), "--format", "json")
    assert res.exit_code == 0  # the same law
    assert [u["draft_articles"] for u in _units(res)] == [[1], [2], [3]]


def _warned(res, *needles: str) -> None:
    assert "Traceback" not in res.output
    text = res.output
    for n in needles:
        assert n in text, f"{n!r} not in output"


def test_duplicate_article_numbers(tmp_path, law):
    p = write(tmp_path / "dup.txt", LAW.replace("第三条", "第二条"))
    res = run("diff", str(p), str(law), "--no-signal", "--ui", "en")
    assert res.exit_code == 0  # same words; the duplicate is kept as its own article
    _warned(res, "article number 第二条 appears again; kept as 2#2")
    _warned(run("diff", str(p), str(law), "--no-signal"), "条号第二条重复出现，按 2#2 保留")


def test_articles_out_of_order(tmp_path, law):
    text = "某某服务管理办法\n第一条　为了规范服务，制定本办法。\n第三条　本办法自公布之日起施行。\n第二条　提供者应当遵守法律。\n"
    res = run("diff", str(write(tmp_path / "order.txt", text)), str(law), "--format", "json")
    assert res.exit_code == 0  # aligned by number and content: the same words, article 3 flagged as moved
    data = json.loads(res.stdout)
    assert "line 4: article 第二条 comes after article 第三条" in data["draft"]["warnings"]
    assert [(u["id"], u["moved"]) for u in data["units"]] == [("d1-f1", False), ("d2-f2", False), ("d3-f3", True)]


def test_article_number_gaps(tmp_path, law):
    p = write(tmp_path / "gap.txt", LAW.replace("第三条", "第九条"))
    res = run("diff", str(p), str(law), "--format", "json")
    assert res.exit_code == 0  # the same words: article 9 matched to article 3 and flagged as renumbered
    data = json.loads(res.stdout)
    assert any("jump from 第二条 to 第九条" in w for w in data["draft"]["warnings"])
    assert [(u["id"], u["renumbered"]) for u in data["units"]][-1] == ("d9-f3", True)


def test_article_number_typo_is_an_article_with_a_best_effort_number(tmp_path):
    """第十一一条 cannot be read.  Decision: it still starts an article (its text is not glued onto the
    previous one) numbered one after the previous article, with the printed label kept and a warning."""
    body = "".join(f"第{n}条　第{i}项规定。\n" for i, n in enumerate("一二三四五六七八九十", 1))
    draft = write(tmp_path / "d.txt", f"某某办法\n{body}第十一一条　本办法自公布之日起施行。\n")
    final = write(tmp_path / "f.txt", f"某某办法\n{body}第十一条　本办法自公布之日起施行。\n")
    res = run("diff", str(draft), str(final), "--format", "json")
    assert res.exit_code == 0  # article 11 matched to article 11, same words
    data = json.loads(res.stdout)
    assert data["draft"]["articles"] == 11
    assert "cannot read the article number 第十一一条; numbered it 11" in " ".join(data["draft"]["warnings"])


def test_ocr_noise_in_article_numbers(tmp_path, law):
    noisy = LAW.replace("第一条", "第 一 条").replace("第二条", "第２条").replace("第三条", "第 3条")
    res = run("diff", str(write(tmp_path / "ocr.txt", noisy)), str(law), "--format", "json")
    assert res.exit_code == 0  # read as articles 1, 2, 3 with the same words
    assert [u["draft_articles"] for u in _units(res)] == [[1], [2], [3]]
    assert any("stray spaces" in w for w in json.loads(res.stdout)["draft"]["warnings"])


def test_html_pasted_as_text_is_stripped_with_a_warning(tmp_path, law):
    """Decision: HTML is read for its words (tags dropped, block tags end lines, script/style dropped,
    entities unescaped), with a warning; a page saved from a government site is common."""
    page = ("<!DOCTYPE html><html><head><title>x</title><script>document.write('第九条 假')</script></head><body>"
            "<h1>某某服务管理办法</h1><p>第一条　为了规范服务，制定本办法。</p>\n"
            "<p>第二条　提供者应当遵守<b>法律</b>。</p><div>第三条　本办法自公布之日起施行。</div></body></html>")
    res = run("diff", str(write(tmp_path / "page.html", page)), str(law), "--format", "json")
    assert res.exit_code == 0
    data = json.loads(res.stdout)
    assert data["draft"]["articles"] == 3
    assert any("looks like HTML; tags were removed" in w for w in data["draft"]["warnings"])
    assert "第九条" not in res.stdout and "document.write" not in res.stdout


@pytest.mark.slow
def test_ten_thousand_articles(tmp_path):
    """A generated law of 10,000 articles (25 times the civil code) against a version with 10 articles
    changed and one removed: it must work, and finish in well under a minute."""
    draft = write(tmp_path / "big.txt", numbered_law(10_000, seed=1))
    lines = numbered_law(10_000, seed=1).split("\n")
    rnd = random.Random(7)
    for i in rnd.sample(range(1, len(lines) - 1), 10):
        lines[i] = lines[i].replace("。", "，并依法处理。")
    del lines[500]
    final = write(tmp_path / "big2.txt", "\n".join(lines))
    started = time.monotonic()
    res = run("diff", str(draft), str(final), "--only-changed", "--no-signal", "--no-cache")
    elapsed = time.monotonic() - started
    assert res.exit_code == 1
    assert "（10000 条）" in res.output and "（9999 条）" in res.output
    assert len(re.findall(r"^@@ ", res.output, flags=re.MULTILINE)) >= 10
    assert elapsed < 60, elapsed


# ------------------------------------------------------------------------- YAML: rules, meta, annotations

ALIAS_BOMB = "\n".join(
    ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    + [f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]" for p, n in zip("abcdefgh", "bcdefghi")]
) + "\n"
PYTHON_TAG = "rules: !!python/object/apply:os.system ['touch {marker}']\n"


def big_bomb(path: Path) -> Path:
    """10 MB of YAML: the billion-laughs anchors, then a list of a million aliases to the biggest one."""
    with path.open("w", encoding="utf-8") as fh:
        fh.write(ALIAS_BOMB)
        fh.write("z: [" + ", ".join(["*i"] * 2_600_000) + "]\n")
    assert path.stat().st_size > 10_000_000
    return path


def test_only_safe_yaml_loaders_in_the_package():
    unsafe = re.compile(r"Loader\s*=\s*yaml\.(?:Loader|FullLoader|UnsafeLoader|CLoader|CFullLoader|CUnsafeLoader)\b"
                        r"|yaml\.(?:unsafe_load|full_load)\(|\bFullLoader\b|\bUnsafeLoader\b")
    # Loader=NAME, or Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader) (libyaml's safe loader when present)
    loads = re.compile(r"yaml\.load\(\s*[^,()]+,\s*Loader\s*=\s*(?:getattr\(yaml,\s*\"(\w+)\",\s*yaml\.(\w+)\)|([\w.]+))")
    import importlib

    def safe(loader: type) -> bool:  # a safe constructor, never the full or unsafe one
        return issubclass(loader, yaml.constructor.SafeConstructor) and not issubclass(
            loader, yaml.constructor.FullConstructor)

    for path in (ROOT / "lawdiff").rglob("*.py"):
        src = path.read_text(encoding="utf-8")
        assert not unsafe.search(src), f"{path.name}: unsafe YAML loader"
        found = loads.findall(src)
        assert src.count("yaml.load(") == len(found), f"{path.name}: yaml.load( without Loader="
        for c_name, fallback, name in found:
            if not name:
                assert safe(getattr(yaml, fallback)) and safe(getattr(yaml, c_name, yaml.SafeLoader)), path.name
                continue
            module = importlib.import_module(".".join(path.relative_to(ROOT).with_suffix("").parts))
            loader = getattr(yaml, name.split(".", 1)[1]) if name.startswith("yaml.") else getattr(module, name)
            assert safe(loader), f"{path.name}: {name} is not a safe loader"


def test_python_tag_in_rules_is_refused_and_not_run(tmp_path):
    marker = tmp_path / "ran"
    rules = write(tmp_path / "rules.yaml", PYTHON_TAG.format(marker=marker))
    assert_refused(run("diff", "--example", "genai-2023", "--rules", str(rules)), str(rules),
                   "could not determine a constructor for the tag")
    assert_refused(run("rules", "check", str(rules)), str(rules))
    assert not marker.exists()


def _corpus_copy(tmp_path: Path, pair: str = "genai-2023") -> Path:
    dst = tmp_path / pair
    shutil.copytree(CORPORA / pair, dst)
    return dst


def test_python_tag_in_meta_and_annotations_is_refused_and_not_run(tmp_path):
    marker = tmp_path / "ran"
    tag = f"!!python/object/apply:os.system ['touch {marker}']"
    meta = write(tmp_path / "meta.yaml", f"pair: x\nnotes: {tag}\n")
    assert_refused(run("diff", "--example", "genai-2023", "--meta", str(meta)), str(meta),
                   "could not determine a constructor for the tag")
    corpus = _corpus_copy(tmp_path)
    ann = corpus / "annotations.yaml"
    ann.write_text(ann.read_text(encoding="utf-8").replace("pair: genai-2023", f"pair: {tag}", 1), encoding="utf-8")
    assert_refused(run("check", str(corpus)), "annotations.yaml", "could not determine a constructor")
    assert not marker.exists()


@pytest.mark.parametrize("where", ["meta", "annotations"])
@pytest.mark.parametrize("size", ["small", "10MB"])
def test_yaml_bomb_meta_and_annotations(tmp_path, where, size):
    """Billion laughs: a few hundred bytes, or 10 MB, refused at once (exit 2, one line)."""
    corpus = _corpus_copy(tmp_path)
    started = time.monotonic()
    if where == "meta":
        meta = tmp_path / "bomb.yaml"
        big_bomb(meta) if size == "10MB" else write(meta, ALIAS_BOMB)
        res = run("diff", "--example", "genai-2023", "--meta", str(meta))
        needle = "larger than 2 MB" if size == "10MB" else "expand to more than"
    else:
        ann = corpus / "annotations.yaml"
        big_bomb(ann) if size == "10MB" else write(ann, ALIAS_BOMB + "pair: *i\n")
        res = run("check", str(corpus))
        needle = "larger than 2 MB" if size == "10MB" else "expand to more than"
    assert_refused(res, needle)
    assert time.monotonic() - started < 10


def rule_bomb(path: Path) -> Path:
    """700 bytes: a valid rule whose theme is the billion-laughs list (anchored in its own ``note``).  The
    loader shares the repeated lists, but the "unknown theme {value!r}" message walks all 9^9 of them."""
    lines = ["lang: zh", "rules:", "  - id: zh.test.bomb", "    description: a rule that repeats an anchor",
             "    description_zh: 重复锚点的规则", "    note:",
             '      - &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"      - &{n} [{', '.join([f'*{p}'] * 9)}]" for p, n in zip("abcdefgh", "bcdefghi")]
    lines += ["    theme: *i", "    direction: tighten", "    weight: 1", "    deleted: 应当", "    examples:",
              "      - {draft: 应当, final: 可以, label: relaxed}"]
    return write(path, "\n".join(lines) + "\n")


def _limited() -> None:  # pragma: no cover - runs in the child
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


@pytest.mark.parametrize(("command", "size"), [("diff", "small"), ("rules-check", "10MB")])
def test_yaml_bomb_rules(tmp_path, size, command):
    """A real process with a time and memory limit: an unguarded loader must fail this test, not hang CI."""
    rules = big_bomb(tmp_path / "bomb.yaml") if size == "10MB" else rule_bomb(tmp_path / "bomb.yaml")
    args = ["rules", "check", str(rules)] if command == "rules-check" else [
        "diff", "--example", "genai-2023", "--rules", str(rules)]
    try:
        proc = subprocess.run([sys.executable, "-m", "lawdiff.cli", *args], check=False, capture_output=True, text=True,
                              timeout=8, preexec_fn=_limited, env={**os.environ, "NO_COLOR": "1"})
    except subprocess.TimeoutExpired:
        pytest.fail(f"{size} rule bomb not refused within 8 s")
    assert proc.returncode == 2, proc.stderr[-300:]
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and str(rules) in lines[0] and "Traceback" not in proc.stderr


@pytest.mark.parametrize(("text", "needle"), [
    ("a: [" * 2000 + "\n", "nested more than"),
    ("a: &a [*a]\n", "contains itself"),
    ("draft:\n  date: 2023-13-45\n", "cannot read '2023-13-45'"),
    ("pair: 0x" + "f" * 5000 + "\n", "cannot read"),
], ids=["deep", "recursive", "impossible-date", "huge-number"])
def test_hostile_meta_values(tmp_path, text, needle):
    meta = write(tmp_path / "meta.yaml", text)
    assert_refused(run("diff", "--example", "genai-2023", "--meta", str(meta)), str(meta), needle)


RULE = """lang: zh
rules:
  - id: zh.test.slow
    description: a user rule with a pattern that backtracks
    description_zh: 会灾难性回溯的用户规则
    theme: modal
    direction: tighten
    weight: 1
    deleted: '{pattern}'
    examples:
      - {{draft: 应当, final: 可以, label: relaxed}}
"""


@pytest.mark.parametrize("pattern", [
    "(a+)+b",
    "(a*)*b",
    "(?:应当\\s*)+x",
    "(a|aa)+b",
    "(a?){25}a{25}",
])
def test_catastrophic_regex_in_a_rule_table_is_refused(tmp_path, pattern):
    rules = write(tmp_path / "slow.yaml", RULE.format(pattern=pattern))
    assert_refused(run("rules", "check", str(rules)), str(rules), "catastrophic backtracking")


@pytest.mark.parametrize(("pattern", "why"), [
    ("(a+)+b", "nests a quantifier"), ("(a*)*b", "match nothing"), ("(?:应当\\s*)+x", "nests"), ("(x+x+)+y", "nests"),
    ("(a|aa)+b", "alternatives"), ("(a|b|ab)*c", "alternatives"), ("(?:应当|应)+", "alternatives"),
    ("(a?){25}a{25}", "match nothing"), ("(?:a|)+", "match nothing"),
])
def test_backtracking_risk_is_detected(pattern, why):
    from lawdiff.classify.patterns import backtracking_risk

    assert why in (backtracking_risk(pattern) or ""), pattern


@pytest.mark.parametrize("pattern", ["(?:ab|cd)+", "(?:应当|可以)+", "(?:\\w|\\d)+x", "a++b", "(?>a+)+b",
                                     "[^,;。\\n]{0,30}?(?:提高|提升)", "\\bcooperat\\w*", "(?:^|[,。;\\n])x"])
def test_safe_patterns_are_accepted(pattern):
    from lawdiff.classify.patterns import backtracking_risk

    assert backtracking_risk(pattern) is None


SLOW = ".*?当.*?当.*?当.*?当.*?z"  # polynomial on a long text with no z: passes the load check, hangs a run
SLOW_LAW = "某某办法\n第一条　" + "提供者应当" * 1500 + "。\n"


@pytest.mark.slow
def test_slow_user_pattern_is_stopped_by_the_time_limit(tmp_path):
    """The load check cannot see polynomial patterns; the time limit on user rules (the regex package's
    timeout=, lawdiff.classify.patterns) turns the overrun into exit 2 and one line naming the rule.  A
    real process, with a generous timeout: without the limit it runs for hours."""
    from lawdiff.classify.patterns import backtracking_risk

    assert backtracking_risk(SLOW) is None
    rules = write(tmp_path / "slow.yaml", RULE.format(pattern=SLOW))
    loaded = run("rules", "check", str(rules))  # loads (its example, short, runs in no time)
    assert loaded.exit_code in (0, 1) and "catastrophic" not in loaded.output, loaded.output
    d = write(tmp_path / "d.txt", SLOW_LAW)
    f = write(tmp_path / "f.txt", SLOW_LAW.replace("应当", "可以", 1))
    env = {**os.environ, "NO_COLOR": "1", "LAWDIFF_RULE_TIMEOUT": "1"}
    try:
        proc = subprocess.run([sys.executable, "-m", "lawdiff.cli", "diff", str(d), str(f), "--rules",
                               str(rules), "--no-signal"], check=False, capture_output=True, text=True,
                              timeout=60, env=env)
    except subprocess.TimeoutExpired:
        pytest.fail("a slow user pattern was not stopped within 60 s")
    assert proc.returncode == 2, proc.stderr[-300:]
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    for needle in (str(rules), "rule zh.test.slow", "took longer than 1 s on draft art.", "simplify it"):
        assert needle in lines[0], lines[0]


def test_only_user_rules_are_timed(tmp_path):
    from lawdiff.classify.rules import load_rules
    from lawdiff.model import Lang

    rules = write(tmp_path / "mine.yaml", RULE.format(pattern="应当"))
    rs = load_rules(Lang.ZH, [rules])
    assert [r.id for r in rs if r.user] == ["zh.test.slow"]


def test_time_limit_holds_outside_the_main_thread(monkeypatch):
    """The SIGALRM timer it replaces worked only in the main thread (and not on Windows); regex's timeout=
    works anywhere."""
    import threading

    from lawdiff.classify.patterns import PatternTimeout, compile_pattern

    monkeypatch.setenv("LAWDIFF_RULE_TIMEOUT", "0.2")
    rx = compile_pattern(SLOW, timed=True)
    seen = []

    def scan() -> None:
        try:
            list(rx.finditer(SLOW_LAW))
        except PatternTimeout as exc:
            seen.append(str(exc))

    t = threading.Thread(target=scan)
    t.start()
    t.join(30)
    assert seen == ["took longer than 0.2 s"]
    assert [m.group(0) for m in compile_pattern("应当", timed=True).finditer("提供者应当")] == ["应当"]


def test_no_shipped_rule_pattern_is_at_risk():
    from lawdiff.classify.patterns import backtracking_risk
    from lawdiff.classify.rules import shipped_rules
    from lawdiff.classify.schema import PATTERN_KEYS
    from lawdiff.model import Lang

    risky = [(r.id, rx.pattern) for lang in Lang for r in shipped_rules(lang) for k in PATTERN_KEYS
             for rx in getattr(r, k) if backtracking_risk(rx.pattern)]
    assert risky == []


# ---------------------------------------------------------------------------------------- reports

# enough Chinese around the markup that the pair reads as Chinese (language detection counts letters)
PAD = "为了保护网络信息安全，维护国家安全和社会公共利益，保护公民、法人和其他组织的合法权益，促进经济社会信息化健康发展。"
HOSTILE_D = ("脚本测试办法\n"
             "第一条　为了规范<script>alert('d')</script>服务，制定本办法。" + PAD + "\n"
             "第二条　提供者应当访问[这里](javascript:alert(1))和<javascript:alert(2)>。" + PAD + "\n"
             "第三条　图片<img src=x onerror=alert(3)>与<iframe src=\"javascript:alert(4)\"></iframe>不得使用。" + PAD + "\n"
             "第四条　实体&lt;script&gt;alert(5)&lt;/script&gt;与<svg onload=alert(6)>保持不变。" + PAD + "\n")
HOSTILE_F = ("脚本测试办法\n"
             "第一条　为了规范<script>alert('f')</script>服务，制定本办法。" + PAD + "\n"
             "第二条　提供者可以访问[那里](javascript:alert(7))和<javascript:alert(8)>。" + PAD + "\n"
             "第三条　图片<img src=y onerror=alert(9)>与<iframe src=\"javascript:alert(10)\"></iframe>可以使用。" + PAD + "\n"
             "第四条　实体&lt;script&gt;alert(5)&lt;/script&gt;与<svg onload=alert(6)>保持不变。" + PAD + "\n"
             "第五条　<a href=\"javascript:alert(11)\">点击</a><style>body{display:none}</style>。" + PAD + "\n")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)


def _visible(html: str) -> str:
    parser = _Tags()
    parser.feed(html)
    return "".join(parser.text)


def _active(html: str) -> list[str]:
    """Everything in an HTML page that could run or navigate: script/iframe/img/svg/object/embed/style-less
    tags, on* attributes, javascript: URLs."""
    parser = _Tags()
    parser.feed(html)
    bad = []
    for tag, attrs in parser.tags:
        if tag in ("script", "iframe", "img", "svg", "object", "embed", "base", "form"):
            bad.append(tag)
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith(("javascript:", "data:")):
                bad.append(f"{tag} {name}={value}")
    return bad


@pytest.fixture
def hostile(tmp_path) -> tuple[Path, Path]:
    # the file names are hostile too: they are printed in every report
    folder = tmp_path / "<script>alert('dir')<"
    folder.mkdir()
    return (write(folder / "<img src=x onerror=alert('d')>.txt", HOSTILE_D),
            write(folder / "[x](javascript:alert('f')).txt", HOSTILE_F))


def test_html_report_of_a_hostile_pair_is_inert(hostile, tmp_path):
    d, f = hostile
    out = tmp_path / "r.html"
    res = run("diff", str(d), str(f), "--format", "html", "-o", str(out), "--draft-issuer", "<script>x()</script>")
    assert res.exit_code == 1
    page = out.read_text(encoding="utf-8")
    assert _active(page) == []
    # the unchanged article 4 is shown as typed, markup and entity text included
    assert "<svg onload=alert(6)>" in _visible(page) and "&lt;script&gt;alert(5)" in _visible(page)


def test_markdown_report_of_a_hostile_pair_is_inert(hostile, tmp_path):
    markdown_it = pytest.importorskip("markdown_it")
    d, f = hostile
    for args in (("diff", "--format", "markdown"), ("report",)):
        out = tmp_path / "r.md"
        res = run(*args[:1], str(d), str(f), *args[1:], "-o", str(out), "--final-issuer", "<img src=x onerror=y()>")
        assert res.exit_code == 1, res.output
        md = out.read_text(encoding="utf-8")
        rendered = markdown_it.MarkdownIt("commonmark", {"html": True, "linkify": False}).enable("table").render(md)
        assert _active(rendered) == [], args
        assert "<svg onload=alert(6)>" in _visible(rendered), args  # the words are still there, as text


def test_json_and_terminal_reports_of_a_hostile_pair(hostile):
    d, f = hostile
    res = run("diff", str(d), str(f), "--format", "json")
    assert res.exit_code == 1
    assert "<script>alert('d')</script>" in json.dumps(json.loads(res.stdout), ensure_ascii=False)
    res = run("diff", str(d), str(f), "--color", "always")
    assert res.exit_code == 1
    assert "\x1b]" not in res.stdout  # no OSC sequences (hyperlinks, titles) from the text


def test_terminal_escape_sequences_in_the_text_are_not_passed_through(tmp_path, law):
    """An ESC in a law text must not reach the terminal raw (it could rewrite the screen or the title)."""
    evil = write(tmp_path / "esc.txt", LAW.replace("遵守法律", "遵守\x1b]0;pwned\x07法律\x1b[2J"))
    res = run("diff", str(evil), str(law), "--no-signal")
    assert res.exit_code in (1, 2) and "Traceback" not in res.output
    assert "\x1b]0;pwned" not in res.stdout and "\x1b[2J" not in res.stdout


# ------------------------------------------------------------------------------------ no data loss


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_inputs_are_never_written(tmp_path):
    corpus = _corpus_copy(tmp_path)
    before = _snapshot(corpus)
    from lawdiff.io.meta import load_meta

    meta = load_meta(corpus / "meta.yaml")
    d, f = str(corpus / meta.draft_file), str(corpus / meta.final_file)
    out = tmp_path / "out"
    out.mkdir()
    rules = write(out / "rules.yaml", RULE.format(pattern="应当"))
    rules_before = rules.read_bytes(), rules.stat().st_mtime_ns
    for args in (["diff", d, f], ["diff", d, f, "--format", "json", "-o", str(out / "r.json")],
                 ["diff", d, f, "--format", "markdown", "-o", str(out / "r.md")],
                 ["diff", d, f, "--format", "html", "-o", str(out / "r.html")],
                 ["diff", d, f, "--side-by-side", "-o", str(out / "r.txt"), "--rules", str(rules)],
                 ["report", d, f, "-o", str(out / "report.md")],
                 ["annotate", d, f, "-o", str(out / "a.yaml")],
                 ["rules", "check", str(rules)],
                 ["check", str(corpus), "--format", "json", "-o", str(out / "check.json")]):
        res = run(*args)
        assert res.exit_code in (0, 1), (args, res.output)
    assert _snapshot(corpus) == before
    assert (rules.read_bytes(), rules.stat().st_mtime_ns) == rules_before
    assert sorted(p.name for p in out.iterdir()) == ["a.yaml", "check.json", "r.html", "r.json", "r.md", "r.txt",
                                                      "report.md", "rules.yaml"]  # no temporary files left


@pytest.mark.parametrize("how", ["same", "relative", "symlink", "hardlink"])
@pytest.mark.parametrize("command", ["diff", "report", "annotate"])
def test_output_onto_an_input_is_refused(tmp_path, monkeypatch, law, how, command):
    monkeypatch.chdir(tmp_path)
    other = write(tmp_path / "other.txt", LAW.replace("应当", "可以"))
    target = {"same": str(law), "relative": "./law.txt"}.get(how)
    if how == "symlink":
        (tmp_path / "link.txt").symlink_to(law)
        target = "link.txt"
    elif how == "hardlink":
        os.link(law, tmp_path / "hard.txt")
        target = "hard.txt"
    before = law.read_bytes(), law.stat().st_mtime_ns
    force = ("--force",) if command == "annotate" else ()  # annotate refuses any existing file without it
    assert_refused(run(command, str(law), str(other), "-o", target, *force), "is one of the input files",
                   "choose another output path")
    assert (law.read_bytes(), law.stat().st_mtime_ns) == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_check_output_onto_a_corpus_file_is_refused(tmp_path):
    corpus = _corpus_copy(tmp_path)
    before = _snapshot(corpus)
    for name in ("annotations.yaml", "meta.yaml"):
        assert_refused(run("check", str(corpus), "-o", str(corpus / name)), "is one of the input files")
    assert _snapshot(corpus) == before


def test_failed_write_keeps_the_old_file_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    from lawdiff.errors import OutputError
    from lawdiff.io import write as output

    target = write(tmp_path / "report.json", "old")

    def disk_full(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "replace", disk_full)
    with pytest.raises(OutputError, match="cannot be written \\(No space left on device\\); check the path"):
        output.write_atomic(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_interrupted_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    from lawdiff.io import write as output

    target = tmp_path / "report.json"

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        output.write_atomic(target, "new")
    assert list(tmp_path.iterdir()) == []


def test_output_file_permissions_are_the_usual_ones(tmp_path):
    from lawdiff.io.write import write_atomic

    umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.md", "x")
        assert (tmp_path / "new.md").stat().st_mode & 0o777 == 0o644
        old = write(tmp_path / "old.md", "x")
        old.chmod(0o600)
        write_atomic(old, "y")
        assert old.stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(umask)


# -------------------------------------------------------------------------- real processes


def _lawdiff(*args: str, cwd: Path | None = None, entry: bool = False, **kw) -> subprocess.CompletedProcess:
    exe = shutil.which("lawdiff", path=str(Path(sys.executable).parent))
    cmd = [exe, *args] if entry and exe else [sys.executable, "-m", "lawdiff.cli", *args]
    env = {**os.environ, "NO_COLOR": "1", "PYTHONWARNINGS": "ignore"}
    return subprocess.run(cmd, check=False, capture_output=True, text=True, cwd=cwd, env=env, timeout=120, **kw)


def test_real_process_bad_inputs_print_one_line_and_no_traceback(tmp_path, law):
    """Alternately through ``python -m lawdiff.cli`` and the installed ``lawdiff`` script."""
    png = write(tmp_path / "x.png", b"\x89PNG\r\n\x1a\n" + bytes(64))
    bomb = write(tmp_path / "bomb.yaml", ALIAS_BOMB + "rules: *i\n")
    en = write(tmp_path / "en.txt", EN_LAW)
    cases = ((["diff", str(tmp_path / "nope.txt"), str(law)], "no such file"),
             (["diff", str(png), str(law)], "PNG image"),
             (["diff", str(law), str(en)], "same language"),
             (["diff", str(law), str(law), "--rules", str(bomb)], "bomb.yaml"),
             (["diff", str(law), str(law), "-o", str(law)], "never overwrites its input"))
    for i, (args, needle) in enumerate(cases):
        proc = _lawdiff(*args, entry=i % 2 == 1)
        assert proc.returncode == 2, (args, proc.stderr)
        assert "Traceback" not in proc.stderr
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and needle in lines[0], proc.stderr
    ok = _lawdiff("diff", str(law), str(law), "--no-signal", entry=True)
    assert ok.returncode == 0 and ok.stderr == ""


def test_broken_pipe_is_quiet(tmp_path):
    """``lawdiff diff … | head -1``: the reader goes away; no traceback, no "Exception ignored" noise.
    The output (3,000 unchanged articles) is far larger than a pipe's buffer, so the writer does hit EPIPE."""
    law = write(tmp_path / "law.txt", numbered_law(3000, seed=3))
    proc = subprocess.Popen([sys.executable, "-m", "lawdiff.cli", "diff", str(law), str(law), "--no-signal"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "NO_COLOR": "1"})
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert "Traceback" not in err and "Exception ignored" not in err, err


# Ctrl-C and SIGTERM during a run: tests/test_crashes.py (the child says when it is ready).


# ----------------------------------------------------------------------------------- helpers


def _cn(n: int) -> str:
    """Chinese numeral as printed in article labels: 1 -> 一, 10 -> 十, 101 -> 一百零一, 10000 -> 一万."""
    digits = "零一二三四五六七八九"
    if n == 0:
        return digits[0]
    out, zero = "", False
    s = str(n)
    for i, ch in enumerate(s):
        k, unit = int(ch), ["", "十", "百", "千", "万"][len(s) - 1 - i]
        if k == 0:
            zero = True
            continue
        if zero and out:
            out += "零"
        zero = False
        out += digits[k] + unit
    return out[1:] if out.startswith("一十") else out


WORDS = ("提供者", "应当", "可以", "不得", "网络", "数据", "安全", "管理", "部门", "个人信息", "服务", "依法", "规定",
         "处罚", "责任", "登记", "备案", "审查", "期限", "日内")


def numbered_law(n: int, *, seed: int) -> str:
    """A generated law of ``n`` articles of random legal words (deterministic for a seed)."""
    rnd = random.Random(seed)
    lines = ["某某大型测试法"]
    for i in range(1, n + 1):
        body = "".join(rnd.choice(WORDS) for _ in range(rnd.randint(8, 30)))
        lines.append(f"第{_cn(i)}条　{body}。")
    return "\n".join(lines) + "\n"


def test_numeral_helper_round_trips():
    assert all(cn_to_int(_cn(n)) == n for n in (1, 9, 10, 11, 20, 101, 110, 1005, 1260, 9999, 10000))


# ------------------------------------------------------------------------------------ fuzz regressions

FUZZ_CASES = sorted((ROOT / "tests" / "cases" / "fuzz").glob("*.bin"))


def _fuzz_module():
    return load_script(ROOT / "fuzz" / "fuzz_parse.py")


@pytest.mark.parametrize("case", FUZZ_CASES, ids=[p.stem for p in FUZZ_CASES])
def test_fuzz_regressions(case):
    """Every input the fuzzer (or a hardening bug) found: no exception but LawdiffError, invariants hold,
    and it takes well under 5 s (they took up to 18 s when quadratic)."""
    _fuzz_module()._timed(case.read_bytes(), 5.0)


def test_fuzz_regressions_exist():
    assert len(FUZZ_CASES) >= 6


# ------------------------------------------------------------------------ jieba's cache not in /tmp


@pytest.mark.parametrize("no_cache", [False, True], ids=["cache", "no-cache"])
def test_jieba_writes_no_cache_of_its_own(tmp_path, no_cache):
    """jieba keeps a marshalled prefix cache at ``$TMPDIR/jieba.cache`` by default, a world-writable place
    where another user could plant a file for ``marshal`` to load, and dumps it through temporary files an
    interrupt leaves behind.  lawdiff reads jieba's dictionary itself and keeps no copy of it anywhere: its
    cache folder holds the segmentations (nothing at all under ``--no-cache``).  A real process, so jieba
    loads afresh."""
    tmp, cache = tmp_path / "tmp", tmp_path / "cache"
    tmp.mkdir()
    env = {**os.environ, "NO_COLOR": "1", "TMPDIR": str(tmp), "LAWDIFF_CACHE_DIR": str(cache)}
    args = ["diff", "--example", "genai-2023", "--no-signal", *(["--no-cache"] if no_cache else [])]
    proc = subprocess.run([sys.executable, "-m", "lawdiff.cli", *args], check=False, capture_output=True,
                          text=True, timeout=120, env=env)
    assert proc.returncode == 1, proc.stderr[-300:]
    assert proc.stderr == ""  # no "Dump cache file failed", no jieba log lines
    assert list(tmp.iterdir()) == []
    found = sorted(p.name.split("-")[0] if "-" in p.name else p.name for p in cache.rglob("*") if p.is_file()) \
        if cache.exists() else []
    assert "jieba.cache" not in found and not [n for n in found if n.startswith(("tmp", "."))]
    assert "jieba" not in found and bool(list(cache.glob("tokens/*.json"))) is not no_cache


# ------------------------------------------------------------------ control characters in names, no diffs


def test_control_characters_in_file_names_and_titles_are_escaped(tmp_path):
    """A file name (or a title) with ESC must not reach the terminal raw: shown as \\x1b instead."""
    name = "law\x1b]0;pwned\x07\x1b[2J\x9b.txt"
    evil = write(tmp_path / name, LAW.replace("某某服务管理办法", "某某\x1b[31m服务管理办法", 1))
    other = write(tmp_path / "other.txt", LAW.replace("应当", "可以"))
    for args in (["diff", str(evil), str(other), "--no-signal"], ["diff", str(other), str(evil), "--side-by-side"],
                 ["diff", str(evil), str(evil), "--color", "always", "--no-signal"]):
        res = run(*args, "--width", "1000")  # one header line per name, however long tmp_path is
        assert res.exit_code in (0, 1), res.output
        text = res.stdout.replace("\x1b[0m", "").replace("\x1b[1m", "").replace("\x1b[2m", "")
        assert "\x1b]0;pwned" not in res.stdout and "\x1b[2J" not in res.stdout and "\x9b" not in res.stdout
        assert "law\\x1b]0;pwned\\x07\\x1b[2J\\x9b.txt" in text, text[:400]
    out = tmp_path / "r\x1b[2J.json"
    res = run("diff", str(evil), str(other), "--format", "json", "-o", str(out))
    assert "\x1b" not in res.stderr and "r\\x1b[2J.json" in res.stderr


@pytest.mark.parametrize(("ui", "expected", "labels"), [
    ("zh", "没有差异：3 条均未修改", "标签："),
    ("en", "no differences: 3 articles, all unchanged", "labels:"),
])
def test_no_differences_is_said_in_one_line(law, ui, expected, labels):
    res = run("diff", str(law), str(law), "--no-signal", "--ui", ui)
    assert res.exit_code == 0
    lines = res.stdout.splitlines()
    said = [ln for ln in lines if ln.startswith(expected[:4])]
    assert said == [expected]
    assert lines.index(said[0]) == next(i for i, ln in enumerate(lines) if ln.startswith(labels)) + 1
    other = write(law.parent / "other.txt", LAW.replace("应当", "可以"))
    differs = run("diff", str(law), str(other), "--no-signal", "--ui", ui)
    assert differs.exit_code == 1 and expected[:4] not in differs.stdout
