"""The words of a report (Markdown and HTML), in Chinese and in English.

A 修改对照表 is read by lawyers in the language of the law, so the headings, the 同左 / 新增条文 /
删除条文 marks and the names of labels follow the language of the texts, not of the user's locale.
Kept apart from the layout so that a translation is a data change, not a code change.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lawdiff.model import Lang, Verdict

#: How the terminal and the JSON ``verdict_shown`` name a verdict (English, whatever the texts' language).
VERDICT_SHOWN = {
    Verdict.RELAXING: "pro-growth / relaxing",
    Verdict.TIGHTENING: "tightening",
    Verdict.MIXED: "mixed",
    Verdict.NONE: "no substantive change",
    Verdict.INSUFFICIENT: "insufficient evidence",
}


@dataclass(frozen=True, slots=True)
class Words:
    lang: Lang
    title: str  # prefix of the document title
    versions: str
    contents: str
    signal: str
    comparison: str
    fields: tuple[str, ...]  # title, issuers, date, level, status, file, articles, generated
    sides: dict[str, str]  # status -> column heading
    same: str
    added: str
    removed: str
    note: str
    legend: str  # {left} {right}; may hold Markdown-safe marks, rendered by each renderer
    reason: str
    rule: str
    evidence: str
    weight: str
    labels: dict[str, str]
    effects: dict[str, str]
    directions: dict[str, str]
    verdicts: dict[str, str]
    flags: dict[str, str]
    levels: dict[str, str]
    signal_words: dict[str, str] = field(default_factory=dict)
    article_sep: str = " "  # between article label and text
    list_sep: str = ", "
    inline_caption: bool = False  # zh: 第一条　【目的】text on one line
    none: str = "none"
    yes: str = "yes"
    no: str = "no"
    changes_in: str = "{n} changed"
    warnings: str = "Parser warnings"
    struck: str = "Struck"
    bold: str = "Bold"


ZH = Words(
    lang=Lang.ZH,
    title="修改对照表",
    versions="版本信息",
    contents="目录",
    signal="信号摘要",
    comparison="条文对照",
    fields=("标题", "发布机关", "日期", "效力层级", "状态", "文件", "条文数", "生成时间"),
    sides={"draft": "草案", "final": "定稿", "old": "修改前", "new": "修改后"},
    same="同左",
    added="新增条文",
    removed="删除条文",
    note="说明",
    legend="左栏为{left}，右栏为{right}。{struck}为删去的文字，{bold}为新增的文字；“同左”表示条文未作修改。",
    reason="理由",
    rule="规则",
    evidence="依据",
    weight="权重",
    labels={
        "unchanged": "未修改",
        "reworded": "文字修改",
        "relaxed": "放宽",
        "tightened": "收紧",
        "added": "新增",
        "removed": "删除",
    },
    effects={
        "burden": "增设义务",
        "enabling": "授权鼓励",
        "relaxing": "放宽",
        "tightening": "收紧",
        "neutral": "中性",
    },
    directions={"relax": "放宽", "tighten": "收紧", "neutral": "中性"},
    verdicts={
        "relaxing": "放宽（有利发展）",
        "tightening": "收紧",
        "mixed": "宽严互见",
        "none": "无实质变化",
        "insufficient evidence": "证据不足",
    },
    flags={
        "renumbered": "条序调整",
        "moved": "位置移动",
        "weak": "匹配较弱，请复核",
        "split": "一条拆分为多条",
        "merged": "多条合并为一条",
        "similarity": "相似度",
        "also": "兼有",
        "renumbered_from": "原{ref}",
    },
    levels={
        "law": "法律",
        "judicial interpretation": "司法解释",
        "administrative regulation": "行政法规",
        "local regulation": "地方性法规",
        "departmental rule": "部门规章",
        "normative document": "规范性文件",
        "standard": "标准",
        "eu regulation": "欧盟条例",
        "eu directive": "欧盟指令",
        "legislative proposal": "立法提案",
    },
    signal_words={
        "verdict": "结论",
        "score": "得分",
        "relaxing": "放宽",
        "tightening": "收紧",
        "weights": "条数（规则权重）",
        "thresholds": "判定标准",
        "themes": "分主题",
        "theme": "主题",
        "units": "条数",
        "chart": "图示",
        "labels": "条文标签",
        "top": "主要变化",
        "restriction": "限制指数（每千字）",
        "restriction_row": "限制性用语",
        "promotion_row": "鼓励性用语",
        "change": "变化",
        "words": "用语",
        "coordination": "协调",
        "issuers": "发布机关",
        "bases_added": "新增法律依据",
        "bases_removed": "删去法律依据",
        "actors_added": "新增提及主体",
        "actors_removed": "删去提及主体",
        "commitment": "承诺",
        "level": "效力层级",
        "provisional": "暂行或试行",
        "unstated": "未载明",
    },
    article_sep="　",
    list_sep="、",
    inline_caption=True,
    none="无",
    yes="是",
    no="否",
    changes_in="{n} 处修改",
    warnings="解析提示",
    struck="删除线",
    bold="加粗",
)

EN = Words(
    lang=Lang.EN,
    title="Comparison table",
    versions="Versions",
    contents="Contents",
    signal="Signal summary",
    comparison="Article by article",
    fields=("Title", "Issuers", "Date", "Level", "Status", "File", "Articles", "Generated"),
    sides={"draft": "Draft", "final": "Final", "old": "Old", "new": "New"},
    same="Same as left",
    added="Added",
    removed="Removed",
    note="Note",
    legend="Left: {left}; right: {right}. {struck} words were deleted, {bold} words were inserted; "
    "“Same as left” marks an unchanged article.",
    reason="Reason",
    rule="Rule",
    evidence="Evidence",
    weight="weight",
    labels={
        "unchanged": "unchanged",
        "reworded": "reworded",
        "relaxed": "relaxed",
        "tightened": "tightened",
        "added": "added",
        "removed": "removed",
    },
    effects={
        "burden": "adds a burden",
        "enabling": "enabling",
        "relaxing": "relaxing",
        "tightening": "tightening",
        "neutral": "neutral",
    },
    directions={"relax": "relax", "tighten": "tighten", "neutral": "neutral"},
    verdicts={
        "relaxing": "relaxing (pro-growth)",
        "tightening": "tightening",
        "mixed": "mixed",
        "none": "no substantive change",
        "insufficient evidence": "insufficient evidence",
    },
    flags={
        "renumbered": "renumbered",
        "moved": "moved",
        "weak": "weak match, please review",
        "split": "split into several articles",
        "merged": "several articles merged",
        "similarity": "similarity",
        "also": "also",
        "renumbered_from": "formerly {ref}",
    },
    levels={},
    signal_words={
        "verdict": "Verdict",
        "score": "Score",
        "relaxing": "relaxing",
        "tightening": "tightening",
        "weights": "Units (rule weight)",
        "thresholds": "Verdict rule",
        "themes": "Themes",
        "theme": "Theme",
        "units": "Units",
        "chart": "Chart",
        "labels": "Labels",
        "top": "Top changes",
        "restriction": "Restriction index (per 1,000 characters)",
        "restriction_row": "restriction words",
        "promotion_row": "promotion words",
        "change": "Change",
        "words": "Words",
        "coordination": "Coordination",
        "issuers": "Issuers",
        "bases_added": "Legal bases added",
        "bases_removed": "Legal bases removed",
        "actors_added": "Actors added",
        "actors_removed": "Actors removed",
        "commitment": "Commitment",
        "level": "Level",
        "provisional": "Interim or trial",
        "unstated": "not stated",
    },
)


def words_for(lang: Lang) -> Words:
    return ZH if lang is Lang.ZH else EN
