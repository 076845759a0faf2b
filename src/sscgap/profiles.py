"""Profiles: the competency catalogue, the archetypes and their targets, loaded from YAML.

A profile folder holds ``settings.yaml`` (name, thresholds), ``catalogue.yaml`` (the 0-5 scale,
categories, competencies) and ``archetypes/*.yaml`` (one archetype a file, in file-name order).
Everything is validated with pydantic and cross-checked; any problem becomes a
:class:`~sscgap.errors.ProfileError` naming the file, the YAML place (key path and line) and
what is wrong. YAML is only ever loaded with the safe loader.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from .errors import Finding, FindingList, ProfileError


def normalise_header(text: str) -> str:
    """Casefold, NFKC, and fold spaces / hyphens / underscores, so 'Data Analysis' = 'data_analysis'.

    How a roster header is matched against a competency's id, name or alias (and, in
    :mod:`sscgap.roster.headers`, against the standard columns)."""
    t = unicodedata.normalize("NFKC", str(text)).strip().casefold()
    return re.sub(r"[\s\-_/]+", "_", t)


Lang = Literal["en", "zh"]
SnakeId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
EMPLOYMENT_TYPES = ("internal", "external", "contractor")
SCALE_LEVELS = range(0, 6)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Model):
    """A user-facing text in English and Chinese."""

    en: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    zh: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

    def get(self, lang: str = "en") -> str:
        return self.zh if lang == "zh" else self.en


class ScaleLevel(_Model):
    level: Annotated[int, Field(ge=0, le=5)]
    label: Text
    descriptor: Text


class Category(_Model):
    id: SnakeId
    name: Text


class Competency(_Model):
    id: SnakeId
    name: Text
    category: SnakeId
    description: Text
    levels: dict[int, Text]

    @field_validator("levels")
    @classmethod
    def _all_levels(cls, v: dict[int, Text]) -> dict[int, Text]:
        if sorted(v) != list(SCALE_LEVELS):
            raise ValueError(f"needs a descriptor for every level 0-5, got {sorted(v)}")
        return v


class Catalogue(_Model):
    schema_version: Literal[1] = 1
    scale: list[ScaleLevel]
    categories: list[Category]
    competencies: Annotated[list[Competency], Field(min_length=1)]

    @field_validator("scale")
    @classmethod
    def _scale_0_to_5(cls, v: list[ScaleLevel]) -> list[ScaleLevel]:
        if [s.level for s in v] != list(SCALE_LEVELS):
            raise ValueError("the scale must list levels 0, 1, 2, 3, 4, 5 in order")
        return v


class Requirement(_Model):
    competency: SnakeId
    level: Annotated[int, Field(ge=1, le=5)]
    weight: Annotated[float, Field(gt=0, allow_inf_nan=False)] = 1.0
    critical: bool = False


class Attributes(_Model):
    min_tenure_years: Annotated[float, Field(ge=0, allow_inf_nan=False)] | None = None
    employment_types: Annotated[list[str], Field(min_length=1)] | None = None

    @field_validator("employment_types")
    @classmethod
    def _known_types(cls, v: list[str] | None) -> list[str] | None:
        if v is None:
            return v
        out = []
        for t in v:
            t = str(t).strip().lower()
            if t not in EMPLOYMENT_TYPES:
                raise ValueError(f"unknown employment type {t!r}; use {', '.join(EMPLOYMENT_TYPES)}")
            out.append(t)
        return out

    @property
    def empty(self) -> bool:
        return self.min_tenure_years is None and self.employment_types is None


class Role(_Model):
    id: SnakeId
    name: Text
    description: Text | None = None
    requirements: Annotated[list[Requirement], Field(min_length=1)]
    attributes: Attributes = Attributes()


class Target(_Model):
    """Either an absolute ``headcount`` or one per ``per_staff`` people analysed."""

    headcount: Annotated[int, Field(ge=0)] | None = None
    per_staff: Annotated[float, Field(gt=0, allow_inf_nan=False)] | None = None
    reasoning: Text | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Target:
        if (self.headcount is None) == (self.per_staff is None):
            raise ValueError("a target needs exactly one of 'headcount: N' or 'per_staff: K'")
        return self

    def resolve(self, population: int) -> int:
        """The number of ready people wanted for a population of ``population``."""
        if self.headcount is not None:
            return self.headcount
        return math.ceil(population / self.per_staff) if population > 0 else 0

    def describe(self) -> str:
        if self.headcount is not None:
            return f"headcount {self.headcount}"
        k = self.per_staff
        return f"1 per {int(k) if k == int(k) else k} staff"


class SeedRef(_Model):
    point: Annotated[int, Field(ge=1, le=10)]
    title_zh: str
    title_en: str | None = None


class Archetype(_Model):
    id: SnakeId
    name: Text
    summary: Text
    seed: SeedRef | None = None
    target: Target
    sourcing: Literal["build", "buy", "borrow"] = "build"
    roles: Annotated[list[Role], Field(min_length=1)]


class Thresholds(_Model):
    ready_fit: Annotated[float, Field(gt=0, le=1)] = 0.9
    near_fit: Annotated[float, Field(gt=0, le=1)] = 0.7

    @model_validator(mode="after")
    def _ordered(self) -> Thresholds:
        if self.near_fit > self.ready_fit:
            raise ValueError(f"near_fit ({self.near_fit}) must not exceed ready_fit ({self.ready_fit})")
        return self


class Settings(_Model):
    schema_version: Literal[1] = 1
    name: Text = Text(en="Custom profiles", zh="自定义画像")
    thresholds: Thresholds = Thresholds()


class ThresholdsOverride(_Model):
    ready_fit: Annotated[float, Field(gt=0, le=1)] | None = None
    near_fit: Annotated[float, Field(gt=0, le=1)] | None = None


class TargetsFile(_Model):
    """A small override file: ``--targets FILE``."""

    thresholds: ThresholdsOverride | None = None
    targets: dict[str, Target] = {}
    # the default way to close a gap, per archetype (e.g. borrow for a time-boxed project need)
    sourcing: dict[str, Literal["build", "buy", "borrow"]] = {}


class ProfileSet(_Model):
    """Everything the engine needs from the profiles, validated and cross-checked."""

    source: str
    settings: Settings
    catalogue: Catalogue
    archetypes: list[Archetype]

    @property
    def thresholds(self) -> Thresholds:
        return self.settings.thresholds

    @property
    def competency_ids(self) -> list[str]:
        return [c.id for c in self.catalogue.competencies]

    def competency(self, cid: str) -> Competency:
        for c in self.catalogue.competencies:
            if c.id == cid:
                return c
        raise KeyError(cid)

    def archetype(self, aid: str) -> Archetype:
        for a in self.archetypes:
            if a.id == aid:
                return a
        raise KeyError(aid)

    def category(self, cid: str) -> Category:
        for c in self.catalogue.categories:
            if c.id == cid:
                return c
        raise KeyError(cid)

    def header_aliases(self) -> dict[str, str]:
        """Map a normalised roster header (id, English or Chinese name) to a competency id."""
        out: dict[str, str] = {}
        for c in self.catalogue.competencies:
            for key in (c.id, c.name.en, c.name.zh):
                out[normalise_header(key)] = c.id
        return out


def suggest(word: str, candidates: Iterable[str]) -> str | None:
    """'did you mean X?' for a misspelt id, or None."""
    match = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f"did you mean {match[0]!r}?" if match else None


# ---------------------------------------------------------------------------------------------
# YAML with places
# ---------------------------------------------------------------------------------------------


_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse_yaml(path: Path, text: str) -> tuple[yaml.Node | None, Any]:
    """One safe parse: the node tree (to locate errors) constructed into data.

    libyaml first (about ten times faster); a file it rejects is parsed again by the
    pure-Python parser, so the error message is the one that parser gives (it names the
    problem more precisely, e.g. a tab).
    """
    for cls in dict.fromkeys((_SafeLoader, yaml.SafeLoader)):
        loader = cls(text)
        try:
            node = loader.get_single_node()
            _check_duplicate_keys(path, node)
            return node, loader.construct_document(node) if node is not None else None
        except yaml.YAMLError:
            if cls is yaml.SafeLoader:
                raise
        finally:
            loader.dispose()
    raise AssertionError("unreachable")  # pragma: no cover


def _read_yaml(path: Path) -> tuple[Any, yaml.Node | None]:
    """Safely load one YAML file; return (data, node tree for locating errors)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise _fail(path, "file not found") from None
    except IsADirectoryError:
        raise _fail(path, "is a folder, not a YAML file") from None
    except UnicodeDecodeError as e:
        raise _fail(
            path, f"not UTF-8 text ({e.reason} at byte {e.start})", hint="save the file as UTF-8"
        ) from None
    except OSError as e:
        raise _fail(path, f"cannot read ({e.strerror})") from None
    try:
        node, data = _parse_yaml(path, text)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        place = f"line {mark.line + 1}, column {mark.column + 1}" if mark else None
        what = e.problem or e.context or "invalid YAML"
        hint = None
        if "could not determine a constructor" in str(e):
            what = f"{what} (tags that build Python objects are not allowed)"
            hint = "profiles hold plain data only: remove the '!!' tag"
        elif "\\t" in what or "tab" in what:
            hint = "indent with spaces, not tabs"
        elif "mapping values are not allowed" in what:
            hint = "a value that contains ': ' must be in quotes"
        raise _fail(path, f"invalid YAML: {what}", place=place, hint=hint) from None
    except yaml.YAMLError as e:
        raise _fail(path, f"invalid YAML: {e}") from None
    return data, node


def _fail(path: Path | str, message: str, **kw: Any) -> ProfileError:
    """A problem with one whole file, as an error that carries its finding."""
    f = Finding("error", str(path), message, **kw)
    return ProfileError(str(f), [f])


def _check_duplicate_keys(path: Path, node: yaml.Node | None) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for k, v in node.value:
            key = getattr(k, "value", None)
            if key in seen:
                raise _fail(
                    path,
                    f"duplicate key {key!r} (first at line {seen[key]})",
                    place=f"line {k.start_mark.line + 1}, column {k.start_mark.column + 1}",
                    hint="YAML would silently keep only the last one",
                )
            seen[key] = k.start_mark.line + 1
            _check_duplicate_keys(path, v)
    elif isinstance(node, yaml.SequenceNode):
        for v in node.value:
            _check_duplicate_keys(path, v)


def _line_of(node: yaml.Node | None, loc: tuple) -> int | None:
    """The line of the deepest node found along a pydantic error location."""
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            nxt = None
            for k, v in node.value:
                if str(k.value) == str(key):
                    nxt = v
                    break
            if nxt is None:
                return line
            node = nxt
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
            if key >= len(node.value):
                return line
            node = node.value[key]
        else:
            return line
        line = node.start_mark.line + 1
    return line


_FIELD_HINTS = {
    ("Requirement", "level"): "a required level is a whole number from 1 to 5",
    ("Requirement", "weight"): "a weight is a number above 0 (default 1)",
    ("Requirement", "critical"): "critical is true or false",
    ("Target", "headcount"): "headcount is a whole number of people, 0 or more",
    ("Target", "per_staff"): "per_staff: K means one per K people analysed (K > 0)",
    ("Attributes", "min_tenure_years"): "years of service, 0 or more",
    ("ScaleLevel", "level"): "the scale runs from 0 to 5",
    ("Thresholds", "ready_fit"): "a fit between 0 and 1, e.g. 0.9",
    ("Thresholds", "near_fit"): "a fit between 0 and 1, e.g. 0.7",
}


def _yaml_type(value: Any) -> str:
    names = {dict: "mapping", list: "list", str: "text", int: "number", float: "number"}
    return "true/false" if isinstance(value, bool) else names.get(type(value), type(value).__name__)


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The pydantic model reached by following ``loc`` (for did-you-mean on unknown keys)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(str(part))
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    """The model inside list[X], dict[str, X], X | None."""
    import typing

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _key_path(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _validate(model: type[BaseModel], path: Path, data: Any, node: yaml.Node | None) -> Any:
    if data is None:
        raise _fail(path, "the file is empty")
    if not isinstance(data, dict):
        raise _fail(
            path,
            f"expected a mapping of keys at the top, got {_yaml_type(data)}",
            place="line 1",
            hint="a profile file is made of 'key: value' lines",
        )
    try:
        return model.model_validate(data)
    except ValidationError as e:
        findings = []
        for err in e.errors():
            loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
            line = _line_of(node, loc)
            place = _key_path(loc) + (f" (line {line})" if line else "")
            msg = err["msg"].removeprefix("Value error, ")
            hint = None
            value = err.get("input")
            if err["type"] == "extra_forbidden":
                msg = "unknown key"
                parent = _model_at(model, loc[:-1])
                if parent is not None and loc:
                    hint = suggest(str(loc[-1]), list(parent.model_fields))
                value = None
            elif err["type"] == "missing":
                msg = "required key is missing"
                value = None
            if hint is None and loc:
                parent = _model_at(model, loc[:-1])
                hint = _FIELD_HINTS.get((parent.__name__ if parent else "", str(loc[-1])))
            shown = None
            if isinstance(value, dict | list):
                if err["type"].endswith("_type"):
                    msg = f"{msg}, got a {_yaml_type(value)}"
            elif value is not None:
                shown = str(value)
            findings.append(Finding("error", str(path), msg, place=place, value=shown, hint=hint))
        fl = FindingList(findings)
        fl.raise_if_errors(ProfileError, f"{path}: invalid profile")
        raise AssertionError("unreachable") from None


# ---------------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------------


def default_profiles_dir() -> Path:
    """The ten default archetypes: inside the installed package, or the repo's ``profiles/``."""
    packaged = resources.files("sscgap") / "profiles"
    if packaged.is_dir():
        return Path(str(packaged))
    repo = Path(__file__).resolve().parents[2] / "profiles"
    if repo.is_dir():
        return repo
    raise ProfileError("the default profiles are missing from this installation")


def load_profiles(directory: str | Path | None = None, targets: str | Path | None = None) -> ProfileSet:
    """Load, validate and cross-check a profile folder (default: the shipped ten archetypes).

    Every file is read even when an earlier one is broken, so one :class:`ProfileError` lists
    the problems of all of them (``.findings``).
    """
    root = Path(directory) if directory is not None else default_profiles_dir()
    if not root.exists():
        raise _fail(root, "profile folder not found")
    if not root.is_dir():
        raise _fail(root, "not a folder (--profiles takes a folder with catalogue.yaml)")
    fl = FindingList()

    def load(model: type[BaseModel], path: Path) -> tuple[Any, yaml.Node | None]:
        try:
            data, node = _read_yaml(path)
            return _validate(model, path, data, node), node
        except ProfileError as e:
            fl.findings.extend(e.findings or [Finding("error", str(path), e.message)])
            return None, None

    settings_path = root / "settings.yaml"
    settings: Settings | None = Settings()
    if settings_path.exists():
        settings, _ = load(Settings, settings_path)

    cat_path = root / "catalogue.yaml"
    catalogue: Catalogue | None = None
    if cat_path.exists():
        catalogue, _ = load(Catalogue, cat_path)
    else:
        fl.add(
            Finding(
                "error",
                str(root),
                "no catalogue.yaml (the competency catalogue) in this folder",
                hint="sscgap init creates a starter profile folder",
            )
        )

    arch_dir = root / "archetypes"
    files = sorted(arch_dir.glob("*.yaml")) + sorted(arch_dir.glob("*.yml")) if arch_dir.is_dir() else []
    files = sorted(files, key=lambda p: p.name)
    if not files:
        fl.add(Finding("error", str(root), "no archetypes (expected archetypes/*.yaml)"))
    loaded: list[tuple[Path, Archetype, yaml.Node | None]] = []
    for f in files:
        archetype, node = load(Archetype, f)
        if archetype is not None:
            loaded.append((f, archetype, node))

    if catalogue is not None:
        try:
            _cross_check(cat_path, catalogue, loaded)
        except ProfileError as e:
            fl.findings.extend(e.findings)
    if fl.errors or settings is None or catalogue is None:
        _raise_all(fl, root)
    pset = ProfileSet(
        source=str(root), settings=settings, catalogue=catalogue, archetypes=[a for _, a, _ in loaded]
    )
    if targets is not None:
        pset = apply_targets(pset, targets)
    return pset


def _raise_all(fl: FindingList, root: Path, limit: int = 5) -> None:
    errors = fl.errors
    if len(errors) == 1:
        raise ProfileError(str(errors[0]), fl.findings)
    lines = [f"{root}: {len(errors)} errors in the profiles"]
    lines += ["  " + str(f) for f in errors[:limit]]
    if len(errors) > limit:
        lines.append(f"  ... and {len(errors) - limit} more")
    lines.append(f"run `sscgap profiles check {root}` for the full list")
    raise ProfileError("\n".join(lines), fl.findings)


def _cross_check(
    cat_path: Path, catalogue: Catalogue, loaded: list[tuple[Path, Archetype, yaml.Node | None]]
) -> None:
    fl = FindingList()
    cat = str(cat_path)

    def dup(kind: str, ids: list[tuple[str, str, str]]) -> None:
        seen: dict[str, str] = {}
        for ident, file, place in ids:
            if ident in seen:
                fl.add(Finding("error", file, f"duplicate {kind} {ident!r} (first in {seen[ident]})", place=place))
            else:
                seen[ident] = f"{file} {place}"

    dup("category id", [(c.id, cat, f"categories[{i}]") for i, c in enumerate(catalogue.categories)])
    comps = catalogue.competencies
    dup("competency id", [(c.id, cat, f"competencies[{i}]") for i, c in enumerate(comps)])
    # a header must map to one competency only: ids and names must not collide across competencies
    by_name: dict[str, tuple[str, str]] = {}
    for i, c in enumerate(comps):
        for key, place in (
            (c.id, "id"),
            (c.name.en, "name.en"),
            (c.name.zh, "name.zh"),
        ):
            k = normalise_header(key)
            if k in by_name and by_name[k][0] != c.id:
                fl.add(
                    Finding(
                        "error",
                        cat,
                        f"name {key!r} is also used by competency {by_name[k][0]!r}; "
                        "roster headers would be ambiguous",
                        place=f"competencies[{i}].{place}",
                    )
                )
            by_name.setdefault(k, (c.id, place))

    category_ids = {c.id for c in catalogue.categories}
    for i, c in enumerate(comps):
        if c.category not in category_ids:
            fl.add(
                Finding(
                    "error",
                    cat,
                    f"unknown category {c.category!r}",
                    place=f"competencies[{i}].category",
                    hint=suggest(c.category, category_ids),
                )
            )

    comp_ids = {c.id for c in comps}
    dup("archetype id", [(a.id, str(f), "id") for f, a, _ in loaded])
    dup(
        "role id",
        [(r.id, str(f), f"roles[{j}].id") for f, a, _ in loaded for j, r in enumerate(a.roles)],
    )
    for f, a, node in loaded:
        for j, role in enumerate(a.roles):
            seen: set[str] = set()
            for k, req in enumerate(role.requirements):
                loc = ("roles", j, "requirements", k, "competency")
                line = _line_of(node, loc)
                place = _key_path(loc) + (f" (line {line})" if line else "")
                if req.competency not in comp_ids:
                    fl.add(
                        Finding(
                            "error",
                            str(f),
                            f"unknown competency {req.competency!r} (not in {cat_path.name})",
                            place=place,
                            hint=suggest(req.competency, comp_ids),
                        )
                    )
                if req.competency in seen:
                    fl.add(
                        Finding(
                            "error",
                            str(f),
                            f"competency {req.competency!r} is required twice in role {role.id!r}",
                            place=place,
                        )
                    )
                seen.add(req.competency)
    fl.raise_if_errors(ProfileError, "profiles are invalid")


def load_targets_file(path: str | Path) -> TargetsFile:
    p = Path(path)
    if not p.is_file():
        raise _fail(p, "targets file not found" if not p.exists() else "not a file")
    data, node = _read_yaml(p)
    return _validate(TargetsFile, p, data, node)


def apply_targets(pset: ProfileSet, path: str | Path) -> ProfileSet:
    """Override targets and thresholds from a small YAML file, without copying the archetypes."""
    tf = load_targets_file(path)
    known = [a.id for a in pset.archetypes]
    fl = FindingList()
    for aid in tf.targets:
        if aid not in known:
            fl.add(
                Finding("error", str(path), f"unknown archetype {aid!r}", place=f"targets.{aid}", hint=suggest(aid, known))
            )
    for aid in tf.sourcing:
        if aid not in known:
            fl.add(
                Finding("error", str(path), f"unknown archetype {aid!r}", place=f"sourcing.{aid}", hint=suggest(aid, known))
            )
    fl.raise_if_errors(ProfileError, f"{path}: invalid targets")
    archetypes = [
        a.model_copy(update={"target": tf.targets[a.id]}) if a.id in tf.targets else a
        for a in pset.archetypes
    ]
    archetypes = [
        a.model_copy(update={"sourcing": tf.sourcing[a.id]}) if a.id in tf.sourcing else a for a in archetypes
    ]
    settings = pset.settings
    if tf.thresholds is not None:
        merged = pset.thresholds.model_dump()
        merged.update({k: v for k, v in tf.thresholds.model_dump().items() if v is not None})
        try:
            thresholds = Thresholds.model_validate(merged)
        except ValidationError as e:
            msg = e.errors()[0]["msg"].removeprefix("Value error, ")
            raise _fail(path, msg, place="thresholds") from None
        settings = settings.model_copy(update={"thresholds": thresholds})
    return pset.model_copy(update={"archetypes": archetypes, "settings": settings})
