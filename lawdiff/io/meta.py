"""meta.yaml: what is known about the two versions of a corpus pair (titles, issuers, dates, level).

Found next to the input files (``corpora/<pair>/meta.yaml``) or given with ``--meta``.  Validated on load
against ``data/schemas/meta.schema.json``: an unknown key or a wrong type is an error naming the file,
the line and the field.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from lawdiff.errors import CorpusError
from lawdiff.io.parsed import load_parsed
from lawdiff.io.schema import check
from lawdiff.io.yaml_data import TooLarge, YamlError, line_of, read_yaml_text
from lawdiff.model import Lang, Level, PairKind, Status, VersionMeta


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
    kind: PairKind | None = None  # draft-final | revision | proposal-adopted; None: inferred from the texts

    def swapped(self) -> PairMeta:
        """The same pair described the other way round (the files were given in the other order)."""
        return replace(self, draft_file=self.final_file, final_file=self.draft_file, draft=self.final,
                       final=self.draft, draft_encoding=self.final_encoding, final_encoding=self.draft_encoding)

    def without_versions(self) -> PairMeta:
        """What holds for the pair whichever file is which (language, regulated parties, kind)."""
        return replace(self, draft=VersionMeta(""), final=VersionMeta(""), draft_encoding=None, final_encoding=None)


def read_corpus_yaml(path: Path, schema: str | None) -> Any:
    """Read one YAML file of a corpus pair and check it against ``data/schemas/<schema>.schema.json``
    (``None``: no schema; the caller checks).

    Raises :class:`CorpusError` naming the file, the line and the field, and saying the fix.  Guarded
    (:mod:`lawdiff.io.yaml`): size, alias expansion ("billion laughs"), depth, values Python cannot build."""
    return _checked(path, _read_text(path), schema)


def _read_text(path: Path) -> str:
    try:
        return read_yaml_text(path)  # refuses more than 2 MB while reading
    except TooLarge as exc:
        raise CorpusError(f"{path}: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: cannot be read ({exc}); it must be a UTF-8 YAML file") from None


def _checked(path: Path, text: str, schema: str | None) -> Any:
    """The data of ``text``, the YAML file at ``path``, checked (see :func:`read_corpus_yaml`)."""
    from lawdiff.io.yaml import parse  # PyYAML only for a file parsed, not read back parsed (lawdiff.io.parsed)

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
    never kept, so its error is raised every time; the checks of the files it names run every time."""
    path = Path(path)
    if not disk_cache:
        return _pair_meta(path, read_corpus_yaml(path, "meta"))
    text = _read_text(path)
    return load_parsed("meta", f"{path}\0{text}", lambda: _checked(path, text, "meta"),
                       lambda data: _pair_meta(path, data))


def _pair_meta(path: Path, data: Any) -> PairMeta:
    versions = {}
    for side in ("draft", "final"):
        v = data[side]
        versions[side] = VersionMeta(
            title=v.get("title") or "", issuers=tuple(v.get("issuers") or ()), date=v.get("date") or "",
            level=Level(v["level"]) if v.get("level") else None, status=Status(v.get("status") or side),
            source=v.get("source") or "")
    lang, kind = data.get("lang"), data.get("kind")
    for side in ("draft", "final"):
        _inside(path, data[side]["file"], line_of(data[side], "file"))
    return PairMeta(str(path), str(data.get("pair") or path.parent.name), Lang(lang) if lang else None,
                    data["draft"]["file"], data["final"]["file"], versions["draft"], versions["final"],
                    data["draft"].get("encoding"), data["final"].get("encoding"),
                    tuple(x.strip() for x in data.get("regulated") or ()), PairKind(kind) if kind else None)


def by_name(meta: PairMeta, draft_path: str | Path, final_path: str | Path) -> PairMeta | None:
    """``meta`` turned to the files by their names: as written, swapped when the files were given the other
    way round, None when the names do not say (see :func:`lawdiff.pipeline.compare_files` for the content check)."""
    d, f = Path(draft_path).name, Path(final_path).name
    if d == meta.draft_file or f == meta.final_file:
        return meta if d != meta.final_file and f != meta.draft_file else None
    if d == meta.final_file or f == meta.draft_file:
        return meta.swapped()
    return None


def _inside(meta: Path, name: str, line: int) -> None:
    """A ``file:`` names a file in the pair's folder: no absolute path, no ``..``, no link leading out.

    Why: ``lawdiff check`` reads the files a meta.yaml names, and a corpus may come from anyone (a pull
    request, a downloaded archive); ``file: /etc/hostname`` was read and its words reported."""
    folder = meta.parent
    rel = PurePosixPath(name.replace("\\", "/"))
    escapes = rel.is_absolute() or ".." in rel.parts or PureWindowsPath(name).drive != ""
    if not escapes:
        try:
            escapes = not (folder / rel).resolve().is_relative_to(folder.resolve())
        except (OSError, RuntimeError):  # a link loop
            escapes = True
    if escapes:
        raise CorpusError(f"{meta}: line {line}: file {name!r} is outside the pair's folder; name a file in "
                          f"{folder} (no absolute path, no .., no link leading out)")


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
        return by_name(meta, d, f)
    return None
