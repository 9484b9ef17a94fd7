"""meta.yaml: what is known about the two versions of a corpus pair (titles, issuers, dates, level).

Found next to the input files (``corpora/<pair>/meta.yaml``) or given with ``--meta``.  Validated on load:
an unknown key or a wrong type is an error naming the file, the line and the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from lawdiff.errors import CorpusError
from lawdiff.model import Lang, VersionMeta
from lawdiff.io.yaml import GuardedLoader, YamlLimitError, read_yaml_text

LEVELS = ("law", "administrative regulation", "departmental rule", "normative document", "standard",
          "eu regulation", "eu directive", "legislative proposal", "")
_TOP_KEYS = {"pair", "lang", "description", "draft", "final", "license", "notes", "regulated"}
_VERSION_KEYS = {"file", "title", "title_en", "issuers", "date", "level", "status", "source", "verification",
                 "encoding", "document_number", "effective"}


@dataclass(frozen=True, slots=True)
class PairMeta:
    path: str
    pair: str
    lang: Lang | None
    draft_file: str
    final_file: str
    draft: VersionMeta
    final: VersionMeta
    draft_encoding: str | None = None
    final_encoding: str | None = None
    regulated: tuple[str, ...] = ()  # the regulated parties (whose burden a change moves); () = inferred


def _line_of(node: yaml.Node, key: str) -> int:
    if isinstance(node, yaml.MappingNode):
        for k, _v in node.value:
            if getattr(k, "value", None) == key:
                return k.start_mark.line + 1
    return node.start_mark.line + 1


def _compose_and_construct(text: str) -> tuple[yaml.Node | None, object]:
    """One parse gives both the node tree (for line numbers) and the Python data (what yaml.load does)."""
    loader = GuardedLoader(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def _compose(path: Path) -> tuple[object, yaml.Node]:
    try:
        text = read_yaml_text(path)  # refuses more than 2 MB while reading
        # guarded: size, alias expansion ("billion laughs"), depth, values Python cannot build (safeyaml.py)
        node, data = _compose_and_construct(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: cannot be read ({exc}); it must be a UTF-8 YAML file") from None
    except YamlLimitError as exc:
        raise CorpusError(f"{path}: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise CorpusError(f"{path}:{where}: not valid YAML ({problem}); fix the syntax") from None
    if node is None:
        raise CorpusError(f"{path}: the file is empty; see corpora/README.md for the fields")
    return data, node


def load_meta(path: str | Path) -> PairMeta:
    path = Path(path)
    data, node = _compose(path)
    if not isinstance(data, dict):
        raise CorpusError(f"{path}: line 1: expected a mapping of fields; see corpora/README.md")
    for k in data:
        if k not in _TOP_KEYS:
            raise CorpusError(f"{path}: line {_line_of(node, k)}: unknown field {k!r}; "
                              f"allowed: {', '.join(sorted(_TOP_KEYS))}")
    lang = data.get("lang")
    if lang not in (None, "zh", "en"):
        raise CorpusError(f"{path}: line {_line_of(node, 'lang')}: field 'lang' must be zh or en, not {lang!r}")
    regulated = data.get("regulated")
    if regulated is not None and (not isinstance(regulated, list) or not regulated
                                  or not all(isinstance(x, str) and x.strip() for x in regulated)):
        raise CorpusError(f"{path}: line {_line_of(node, 'regulated')}: field 'regulated' must be a non-empty list "
                          "of actor names, e.g. [提供者] or [行政机关, 行政复议机关, 被申请人]")
    versions = {}
    for side in ("draft", "final"):
        v = data.get(side)
        if not isinstance(v, dict):
            raise CorpusError(f"{path}: line {_line_of(node, side)}: field {side!r} must be a mapping with at "
                              "least 'file' and 'title'")
        sub = next((vn for kn, vn in node.value if kn.value == side), node)
        for k, val in v.items():
            if k not in _VERSION_KEYS:
                raise CorpusError(f"{path}: line {_line_of(sub, k)}: unknown field {side}.{k}; "
                                  f"allowed: {', '.join(sorted(_VERSION_KEYS))}")
            if k == "issuers":
                if not isinstance(val, list) or not all(isinstance(x, str) for x in val):
                    raise CorpusError(f"{path}: line {_line_of(sub, k)}: field {side}.issuers must be a list of names")
            elif val is not None and not isinstance(val, str):
                raise CorpusError(f"{path}: line {_line_of(sub, k)}: field {side}.{k} must be text "
                                  f"(quote dates: \"2023-07-10\")")
        if not v.get("file"):
            raise CorpusError(f"{path}: line {_line_of(sub, side)}: field {side}.file is missing; name the text file")
        level = v.get("level") or ""
        if level not in LEVELS:
            raise CorpusError(f"{path}: line {_line_of(sub, 'level')}: field {side}.level {level!r} is not one of "
                              f"{', '.join(x for x in LEVELS if x)}")
        versions[side] = VersionMeta(
            title=v.get("title") or "", issuers=tuple(v.get("issuers") or ()), date=v.get("date") or "",
            level=level, status=v.get("status") or side, source=v.get("source") or "")
    return PairMeta(str(path), str(data.get("pair") or path.parent.name), Lang(lang) if lang else None,
                    data["draft"]["file"], data["final"]["file"], versions["draft"], versions["final"],
                    data["draft"].get("encoding"), data["final"].get("encoding"),
                    tuple(x.strip() for x in regulated or ()))


def find_meta(draft_path: str | Path, final_path: str | Path) -> PairMeta | None:
    """The meta.yaml beside the two files, if both are in the same folder and it names them."""
    d, f = Path(draft_path).resolve(), Path(final_path).resolve()
    if d.parent != f.parent:
        return None
    candidate = d.parent / "meta.yaml"
    if not candidate.is_file():
        return None
    meta = load_meta(candidate)
    if {meta.draft_file, meta.final_file} == {d.name, f.name}:
        return meta
    return None
