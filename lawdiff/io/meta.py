"""meta.yaml: what is known about the two versions of a corpus pair (titles, issuers, dates, level).

Found next to the input files (``corpora/<pair>/meta.yaml``) or given with ``--meta``.  Validated on load
against ``data/schemas/meta.schema.json``: an unknown key or a wrong type is an error naming the file,
the line and the field.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lawdiff.errors import CorpusError
from lawdiff.io.parsed import load_parsed
from lawdiff.io.schema import check, schema
from lawdiff.io.yaml import YamlError, YamlLimitError, parse, read_yaml_text
from lawdiff.model import Lang, Level, Status, VersionMeta


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


def read_corpus_yaml(path: Path, schema: str | None) -> Any:
    """Read one YAML file of a corpus pair and check it against ``data/schemas/<schema>.schema.json``
    (``None``: no schema; the caller checks).

    Raises :class:`CorpusError` naming the file, the line and the field, and saying the fix.  Guarded
    (:mod:`lawdiff.io.yaml`): size, alias expansion ("billion laughs"), depth, values Python cannot build."""
    try:
        text = read_yaml_text(path)  # refuses more than 2 MB while reading
    except YamlLimitError as exc:
        raise CorpusError(f"{path}: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: cannot be read ({exc}); it must be a UTF-8 YAML file") from None
    try:
        data = parse(text)
    except YamlError as exc:
        raise CorpusError(f"{path}:{f' line {exc.line}' if exc.line else ''}: {exc}") from None
    if data is None:
        raise CorpusError(f"{path}: the file is empty; see corpora/README.md for the fields")
    problem = check(data, schema) if schema is not None else None
    if problem is not None:
        raise CorpusError(f"{path}: line {problem.line}: {problem.message}")
    return data


def load_meta(path: str | Path, *, disk_cache: bool = True) -> PairMeta:
    """A meta.yaml read and checked, or read back from lawdiff's cache folder when this exact file (path
    and text) was read and checked before (:mod:`lawdiff.io.parsed`): parsing it with line numbers and
    importing the schema checker cost a tenth of a run on a short regulation.  A file with a problem is
    never kept, so its error is raised every time."""
    path = Path(path)
    if disk_cache:
        try:
            text = read_yaml_text(path)
        except (YamlLimitError, OSError, UnicodeDecodeError):
            return _read_meta(path)  # raises the error, with its fix
        return load_parsed("meta", f"{path}\0{text}", lambda: read_corpus_yaml(path, "meta"),
                           lambda data: _pair_meta(path, data), shapes=(PairMeta, VersionMeta),
                           modules=(__name__, "lawdiff.io.yaml", "lawdiff.io.schema"),
                           also=(json.dumps(schema("meta")),))
    return _read_meta(path)


def _read_meta(path: Path) -> PairMeta:
    return _pair_meta(path, read_corpus_yaml(path, "meta"))


def _pair_meta(path: Path, data: Any) -> PairMeta:
    versions = {}
    for side in ("draft", "final"):
        v = data[side]
        versions[side] = VersionMeta(
            title=v.get("title") or "", issuers=tuple(v.get("issuers") or ()), date=v.get("date") or "",
            level=Level(v["level"]) if v.get("level") else None, status=Status(v.get("status") or side),
            source=v.get("source") or "")
    lang = data.get("lang")
    return PairMeta(str(path), str(data.get("pair") or path.parent.name), Lang(lang) if lang else None,
                    data["draft"]["file"], data["final"]["file"], versions["draft"], versions["final"],
                    data["draft"].get("encoding"), data["final"].get("encoding"),
                    tuple(x.strip() for x in data.get("regulated") or ()))


def find_meta(draft_path: str | Path, final_path: str | Path, *, disk_cache: bool = True) -> PairMeta | None:
    """The meta.yaml beside the two files, if both are in the same folder and it names them."""
    d, f = Path(draft_path).resolve(), Path(final_path).resolve()
    if d.parent != f.parent:
        return None
    candidate = d.parent / "meta.yaml"
    if not candidate.is_file():
        return None
    meta = load_meta(candidate, disk_cache=disk_cache)
    if {meta.draft_file, meta.final_file} == {d.name, f.name}:
        return meta
    return None
