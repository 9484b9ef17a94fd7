"""``--format json`` for pipelines: the complete Report, pinned by the shipped JSON Schema."""

from __future__ import annotations

import copy
import json
from importlib import resources

import jsonschema
import pytest
from conftest import CORPORA
from test_report_markdown import file_report, layout_report

from lawdiff.model import Lang
from lawdiff.render.json import SCHEMA_VERSION, render_json

PAIRS = sorted(p.parent.name for p in CORPORA.glob("*/meta.yaml"))


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((resources.files("lawdiff") / "data" / "schemas" / "report.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def errors(validator, doc) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)]


def test_there_are_bundled_pairs():
    assert len(PAIRS) >= 5


@pytest.mark.parametrize("pair", [pytest.param(p, marks=pytest.mark.slow) if p == "eu-ai-act-2024" else p
                                  for p in PAIRS])
def test_every_bundled_pair_validates(validator, pair):
    doc = json.loads(render_json(file_report(pair), timestamp=True))
    assert errors(validator, doc) == []
    assert doc["schema_version"] == SCHEMA_VERSION
    assert doc["units"] and doc["signal"]["information"]["verdict"]


@pytest.mark.parametrize(
    "report",
    [lambda: file_report("markdown-escaping"), lambda: layout_report(Lang.EN)],
    ids=["markdown-escaping", "english"],
)
def test_edge_case_reports_validate(validator, report):
    assert errors(validator, json.loads(render_json(report()))) == []


@pytest.mark.parametrize(
    ("where", "change"),
    [
        ("top", lambda d: d.update(extra=1)),
        ("unit", lambda d: d["units"][0].update(colour="red")),
        ("label", lambda d: d["units"][0].update(label="softened")),
        ("absolute path", lambda d: d["draft"].update(path="/home/me/draft.txt")),
        ("windows path", lambda d: d["final"].update(path="C:\\laws\\final.txt")),
        ("edit op", lambda d: d["units"][1]["edits"][0].update(op="replace")),
        ("verdict", lambda d: d["signal"]["information"].update(verdict="maybe")),
        ("missing signal", lambda d: d.pop("signal")),
    ],
)
def test_schema_rejects_what_a_pipeline_must_not_see(validator, where, change):
    doc = json.loads(render_json(file_report("genai-2023")))
    bad = copy.deepcopy(doc)
    change(bad)
    assert errors(validator, doc) == []
    assert errors(validator, bad), where


def test_complete_report_keys():
    doc = json.loads(render_json(file_report("genai-2023")))
    assert list(doc) == [
        "schema_version",
        "tool",
        "lang",
        "changed",
        "warnings",
        "title_changed",
        "preamble_changed",
        "regulated",
        "versions",
        "draft",
        "final",
        "rules",
        "units",
        "signal",
    ]
    unit = next(u for u in doc["units"] if u["rules"])
    for key in ("id", "kind", "label", "effect", "reason", "rules", "edits", "draft", "final", "similarity"):
        assert key in unit
    assert unit["rules"][0]["evidence"][0]["where"]
    assert doc["final"]["headings"][0] == {"level": "章", "label": "第一章", "title": "总则", "line": 2}
    assert doc["final"]["issuers"][0] == "国家互联网信息办公室"
    assert doc["draft"]["path"].endswith("draft.txt") and not doc["draft"]["path"].startswith("/")
    # whose point of view: the genai-2023 meta.yaml names the providers
    assert doc["regulated"]["source"] == "meta" and doc["regulated"]["public"] is False
    assert "提供者" in doc["regulated"]["names"][0] and doc["regulated"]["text"]["en"].startswith("read from the point")


def test_edits_and_evidence_offsets_index_the_unit_texts():
    """A consumer can rebuild both texts from the edits and find every piece of evidence by offset."""
    doc = json.loads(render_json(file_report("genai-2023")))
    for u in doc["units"]:
        draft = "\n".join(a["text"] for a in u["draft"])
        final = "\n".join(a["text"] for a in u["final"])
        for e in u["edits"]:
            if e["op"] == "delete":
                assert draft[e["draft_start"] : e["draft_start"] + len(e["text"])] == e["text"]
            elif e["op"] == "insert":
                assert final[e["final_start"] : e["final_start"] + len(e["text"])] == e["text"]
        for f in u["rules"]:
            for ev in f["evidence"]:
                text = draft if ev["side"] == "draft" else final
                assert text[ev["start"] : ev["end"]] == ev["text"]


def test_json_is_deterministic_and_timestamp_only_when_asked(monkeypatch):
    report = file_report("genai-2023")
    assert render_json(report) == render_json(report)
    assert "generated_at" not in render_json(report)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert json.loads(render_json(report, timestamp=True))["generated_at"] == "1970-01-01T00:00:00Z"
