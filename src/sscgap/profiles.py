"""Profiles: the competency catalogue, the archetypes and their targets, loaded from YAML.

A profile folder holds ``settings.yaml`` (optional: name, thresholds, principles),
``catalogue.yaml`` (the 0-5 scale, categories, competencies) and ``archetypes/*.yaml`` (one
archetype a file, in file-name order). A light set is enough: a text may be a plain string, a
competency needs only ``id`` and ``name``, the scale and a summary are optional; the validated
models are complete all the same (defaults filled in). :func:`write_blank` writes a commented
skeleton to start from.

Everything is validated with pydantic and cross-checked; any problem becomes a
:class:`~sscgap.errors.ProfileError` naming the file, the YAML place (key path and line) and
what is wrong in plain words, all problems of a set at once. YAML is only ever loaded with the
safe loader, and the work one file may cause is bounded (aliases, nesting, numbers).
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
from pydantic_core import PydanticCustomError

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
SOURCING = ("build", "buy", "borrow")
SCALE_LEVELS = range(0, 6)
# Sane ranges: beyond them a number is a typo, and the engine's arithmetic would overflow.
MAX_HEADCOUNT = 10_000_000
MAX_PER_STAFF = 10_000_000
MAX_WEIGHT = 1_000
MAX_TENURE_YEARS = 100


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _stand_in(name: Any) -> Any:
    """The name, standing in for a missing text; a bad name is reported once, on the name."""
    return name if _texty(name) else "-"


def _texty(value: Any) -> bool:
    """Does ``value`` read as a text (so it may stand in for a missing one)?"""
    if isinstance(value, str):
        return bool(value.strip())
    return isinstance(value, dict) and any(
        isinstance(value.get(k), str) and value[k].strip() for k in ("en", "zh")
    )


class Text(_Model):
    """A user-facing text in English and Chinese.

    In YAML a text is a plain string (the same in both languages) or ``{en, zh}`` with either
    or both; a language left out falls back to the other.
    """

    en: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    zh: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

    @model_validator(mode="before")
    @classmethod
    def _light(cls, value: Any) -> Any:
        if isinstance(value, Text):
            return value
        if isinstance(value, str) and value.strip():
            return {"en": value, "zh": value}
        if isinstance(value, dict) and not (_blank(value.get("en")) and _blank(value.get("zh"))):
            value = dict(value)
            for a, b in (("en", "zh"), ("zh", "en")):
                if _blank(value.get(a)) and isinstance(value.get(b), str):
                    value[a] = value[b]
            return value
        raise PydanticCustomError("text", "write a text")

    def get(self, lang: str = "en") -> str:
        return self.zh if lang == "zh" else self.en


def _text(en: str, zh: str) -> dict[str, str]:
    return {"en": en, "zh": zh}


# The generic 0-5 scale that stands in when a catalogue has none.
GENERIC_SCALE: tuple[dict[str, Any], ...] = (
    {"level": 0, "label": _text("None", "无"),
     "descriptor": _text("Has not done this yet.", "尚未做过这方面的工作。")},
    {"level": 1, "label": _text("Basic", "入门"),
     "descriptor": _text("Does simple tasks with close guidance.", "在指导下能完成简单任务。")},
    {"level": 2, "label": _text("Developing", "发展中"),
     "descriptor": _text("Does routine work alone; asks for help with anything unusual.",
                         "能独立完成常规工作，遇到非常规情况会寻求支持。")},
    {"level": 3, "label": _text("Proficient", "熟练"),
     "descriptor": _text("Does the work alone and reliably, including most unusual cases.",
                         "能独立、稳定地完成工作，包括大多数非常规情况。")},
    {"level": 4, "label": _text("Advanced", "精通"),
     "descriptor": _text("Handles complex cases, improves how the team works and coaches others.",
                         "能处理复杂情况，改进团队的做法并辅导他人。")},
    {"level": 5, "label": _text("Expert", "专家"),
     "descriptor": _text("Sets the standard others in the centre follow.",
                         "为全中心确立他人遵循的标准。")},
)  # fmt: skip
GENERAL_CATEGORY: dict[str, Any] = {"id": "general", "name": _text("General", "通用")}


class ScaleLevel(_Model):
    level: Annotated[int, Field(ge=0, le=5)]
    label: Text
    descriptor: Text


class Category(_Model):
    id: SnakeId
    name: Text


class Competency(_Model):
    """A competency. Only ``id`` and ``name`` are required in YAML: a missing category is
    ``general``, a missing description is the name, and a level without its own descriptor
    takes the scale's."""

    id: SnakeId
    name: Text
    category: SnakeId = GENERAL_CATEGORY["id"]
    description: Text
    levels: dict[int, Text]

    @model_validator(mode="before")
    @classmethod
    def _light(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("description") is None and "name" in data:
            data = {**data, "description": _stand_in(data["name"])}
        return data

    @field_validator("levels")
    @classmethod
    def _all_levels(cls, v: dict[int, Text]) -> dict[int, Text]:
        if sorted(v) != list(SCALE_LEVELS):
            raise ValueError(f"levels run from 0 to 5, got {sorted(v)}")
        return v


def _scale_descriptors(scale: Any) -> dict[Any, Any]:
    """Level -> descriptor from a raw scale, as far as it can be read (its errors come later)."""
    out: dict[Any, Any] = {}
    if isinstance(scale, list):
        for s in scale:
            if isinstance(s, dict) and isinstance(s.get("level"), int) and s.get("descriptor") is not None:
                out[s["level"]] = s["descriptor"]
    return out


class Catalogue(_Model):
    """The scale (optional: a generic 0-5 scale stands in), categories and competencies."""

    schema_version: Literal[1] = 1
    scale: list[ScaleLevel]
    categories: list[Category] = []
    competencies: Annotated[list[Competency], Field(min_length=1)]

    @model_validator(mode="before")
    @classmethod
    def _light(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        data = dict(data)
        if data.get("scale") is None:
            data["scale"] = [dict(s) for s in GENERIC_SCALE]
        if data.get("categories") is None:
            data["categories"] = []
        comps = data.get("competencies")
        if isinstance(comps, list):
            fallback = {**{s["level"]: s["descriptor"] for s in GENERIC_SCALE},
                        **_scale_descriptors(data["scale"])}  # fmt: skip
            filled = []
            for c in comps:
                if isinstance(c, dict) and (c.get("levels") is None or isinstance(c["levels"], dict)):
                    c = {**c, "levels": {**fallback, **(c.get("levels") or {})}}
                filled.append(c)
            data["competencies"] = filled
            cats = data["categories"]
            if (
                isinstance(cats, list)
                and any(isinstance(c, dict) and c.get("category") is None for c in comps)
                and not any(isinstance(c, dict) and c.get("id") == GENERAL_CATEGORY["id"] for c in cats)
            ):
                data["categories"] = [*cats, GENERAL_CATEGORY]
        return data

    @field_validator("scale")
    @classmethod
    def _scale_0_to_5(cls, v: list[ScaleLevel]) -> list[ScaleLevel]:
        if [s.level for s in v] != list(SCALE_LEVELS):
            raise ValueError("the scale must list levels 0, 1, 2, 3, 4, 5 in order")
        return v


class Requirement(_Model):
    competency: SnakeId
    level: Annotated[int, Field(ge=1, le=5)]
    weight: Annotated[float, Field(gt=0, le=MAX_WEIGHT, allow_inf_nan=False)] = 1.0
    critical: bool = False


class Attributes(_Model):
    min_tenure_years: Annotated[float, Field(ge=0, le=MAX_TENURE_YEARS, allow_inf_nan=False)] | None = None
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
                raise ValueError(f"unknown employment type {t!r}; write one of {', '.join(EMPLOYMENT_TYPES)}")
            out.append(t)
        return out

    @property
    def empty(self) -> bool:
        return self.min_tenure_years is None and self.employment_types is None


class Target(_Model):
    """Either an absolute ``headcount`` or one per ``per_staff`` people analysed."""

    headcount: Annotated[int, Field(ge=0, le=MAX_HEADCOUNT)] | None = None
    per_staff: Annotated[float, Field(ge=1, le=MAX_PER_STAFF, allow_inf_nan=False)] | None = None
    reasoning: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _bare_number(cls, data: Any) -> Any:
        # `leader: 5` is how people write a headcount: the same as `leader: {headcount: 5}`
        if isinstance(data, int) and not isinstance(data, bool):
            return {"headcount": data}
        return data

    @model_validator(mode="after")
    def _one_kind(self) -> Target:
        if (self.headcount is None) == (self.per_staff is None):
            raise ValueError("a target needs exactly one of 'headcount: N' or 'per_staff: K'")
        return self

    def resolve(self, population: int) -> int:
        """The number of ready people wanted for a population of ``population``."""
        if self.headcount is not None:
            return self.headcount
        assert self.per_staff is not None
        return math.ceil(population / self.per_staff) if population > 0 else 0

    def describe(self) -> str:
        if self.headcount is not None:
            return f"headcount {self.headcount}"
        k = self.per_staff
        assert k is not None
        return f"1 per {int(k) if k == int(k) else k} staff"


class Role(_Model):
    id: SnakeId
    name: Text
    description: Text | None = None
    requirements: Annotated[list[Requirement], Field(min_length=1)]
    attributes: Attributes = Attributes()
    # the role's own seats: set on every role of an archetype, or on none
    target: Target | None = None


class SeedRef(_Model):
    point: Annotated[int, Field(ge=1, le=10)]
    title_zh: str
    title_en: str | None = None


Sourcing = Literal["build", "buy", "borrow"]


class Archetype(_Model):
    """An archetype. Its target sits on the archetype or on every one of its roles, never both.

    ``sourcing`` is written ``sourcing: buy`` or ``sourcing: {way: buy, reasoning: ...}``; the
    reasoning is kept in ``sourcing_reasoning``. A missing ``summary`` is the name.
    """

    id: SnakeId
    name: Text
    summary: Text
    seed: SeedRef | None = None
    target: Target | None = None
    sourcing: Sourcing = "build"
    sourcing_reasoning: Text | None = None
    roles: Annotated[list[Role], Field(min_length=1)]

    @model_validator(mode="before")
    @classmethod
    def _light(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        data = dict(data)
        if data.get("summary") is None and "name" in data:
            data["summary"] = _stand_in(data["name"])
        src = data.get("sourcing")
        if isinstance(src, dict):
            if "sourcing_reasoning" in data:
                raise ValueError("write the reasoning inside 'sourcing:' only")
            unknown = sorted(set(src) - {"way", "reasoning"})
            if unknown:
                raise PydanticCustomError(
                    "sourcing_keys", "unknown key {key}; write 'sourcing: {{way: buy, reasoning: ...}}'",
                    {"key": repr(unknown[0])},
                )
            data["sourcing"] = src.get("way", "build")
            if "reasoning" in src:
                data["sourcing_reasoning"] = src["reasoning"]
        return data

    @model_validator(mode="after")
    def _target_on_archetype_or_roles(self) -> Archetype:
        on_roles = [r.target is not None for r in self.roles]
        if self.target is not None and any(on_roles):
            raise PydanticCustomError(
                "target_twice",
                "a target sits either on the archetype or on every one of its roles, not both",
            )
        if self.target is None and not all(on_roles):
            missing = [r.id for r in self.roles if r.target is None]
            if any(on_roles):
                raise PydanticCustomError(
                    "role_targets",
                    "when roles carry targets, every role needs one; missing on {missing}",
                    {"missing": ", ".join(missing)},
                )
            raise PydanticCustomError("target_missing", "required key is missing")
        return self

    @property
    def targets_on_roles(self) -> bool:
        """True when the seats are counted per role (``target`` on every role)."""
        return self.target is None

    def resolve_target(self, population: int) -> int:
        """The archetype's target: its own, or the sum of its roles' targets."""
        if self.target is not None:
            return self.target.resolve(population)
        return sum(r.target.resolve(population) for r in self.roles if r.target is not None)


class Thresholds(_Model):
    ready_fit: Annotated[float, Field(gt=0, le=1)] = 0.9
    near_fit: Annotated[float, Field(gt=0, le=1)] = 0.7

    @model_validator(mode="after")
    def _ordered(self) -> Thresholds:
        if self.near_fit > self.ready_fit:
            raise ValueError(f"near_fit ({self.near_fit}) must not exceed ready_fit ({self.ready_fit})")
        return self


class Principle(_Model):
    """A principle people carry: every listed competency at or above ``level``."""

    id: SnakeId
    name: Text
    description: Text | None = None
    competencies: Annotated[list[SnakeId], Field(min_length=1)]
    level: Annotated[int, Field(ge=1, le=5)]

    @field_validator("competencies")
    @classmethod
    def _once(cls, v: list[str]) -> list[str]:
        twice = sorted({c for c in v if v.count(c) > 1})
        if twice:
            raise ValueError(f"competency {twice[0]!r} is listed twice")
        return v


class Settings(_Model):
    schema_version: Literal[1] = 1
    name: Text = Text(en="Custom profiles", zh="自定义人才模型")
    thresholds: Thresholds = Thresholds()
    principles: list[Principle] = []


class ThresholdsOverride(_Model):
    ready_fit: Annotated[float, Field(gt=0, le=1)] | None = None
    near_fit: Annotated[float, Field(gt=0, le=1)] | None = None


class TargetsFile(_Model):
    """A small override file: ``--targets FILE``.

    ``targets`` is keyed by archetype id (the archetype's own target; it replaces role targets)
    or by role id (a role's seats; every role of that archetype then needs one).
    """

    thresholds: ThresholdsOverride | None = None
    targets: dict[str, Target] = {}
    # the default way to close a gap, per archetype (e.g. borrow for a time-boxed project need)
    sourcing: dict[str, Sourcing] = {}


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
    def principles(self) -> tuple[Principle, ...]:
        return tuple(self.settings.principles)

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
    """'did you mean X?' for a misspelt id (or one with its words in another order:
    frontline_service for service_frontline), or None."""
    candidates = list(candidates)
    words = sorted(word.lower().replace("-", "_").split("_"))
    match = [c for c in candidates if sorted(c.split("_")) == words] or difflib.get_close_matches(
        word, candidates, n=1, cutoff=0.6
    )
    return f"did you mean {match[0]!r}?" if match else None


# ---------------------------------------------------------------------------------------------
# YAML with places
# ---------------------------------------------------------------------------------------------


_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# Bounds on what one YAML file may cost: a profile or targets file is a few hundred
# lines. Aliases are kept (anchors that share a requirement list are fine), but the document they
# expand to must stay small, and nesting must stay shallow. Both are checked on the node tree,
# visiting every node once, before anything walks the expanded data.
MAX_YAML_NODES = 200_000
MAX_YAML_DEPTH = 64


def _parse_yaml(path: Path, text: str) -> tuple[yaml.Node | None, Any]:
    """One safe parse: the node tree (to locate errors) constructed into data.

    libyaml first (about ten times faster); a file it rejects is parsed again by the
    pure-Python parser, so the error message is the one that parser gives (it names the
    problem more precisely, e.g. a tab).
    """
    for cls in dict.fromkeys((_SafeLoader, yaml.SafeLoader)):
        loader = cls(text)
        try:
            try:
                node = loader.get_single_node()
            except RecursionError:
                raise _too_deep(path, None) from None
            _check_tree(path, node)
            return node, loader.construct_document(node) if node is not None else None
        except yaml.YAMLError:
            if cls is yaml.SafeLoader:
                raise
        finally:
            loader.dispose()
    raise AssertionError("unreachable")  # pragma: no cover


def _place(node: yaml.Node) -> str:
    return f"line {node.start_mark.line + 1}, column {node.start_mark.column + 1}"


def _too_deep(path: Path, node: yaml.Node | None) -> ProfileError:
    return _fail(
        path,
        f"nested more than {MAX_YAML_DEPTH} levels deep",
        place=_place(node) if node is not None else None,
        hint="a profile file is a few levels of keys and lists; check the brackets",
    )


def _check_tree(path: Path, root: yaml.Node | None) -> None:
    """Refuse duplicate keys, keys that are lists or mappings, deep nesting and alias bombs.

    Each node is visited once (an alias is the same node object as its anchor), and the size
    the document would have with every alias expanded is summed on the way back up, so a
    468-byte "billion laughs" is refused after a few dozen nodes instead of walked for minutes.
    """
    sizes: dict[int, int] = {}

    def visit(node: yaml.Node, depth: int) -> int:
        known = sizes.get(id(node))
        if known is not None:
            return known
        if depth > MAX_YAML_DEPTH:
            raise _too_deep(path, node)
        size = 1
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, int] = {}
            for k, v in node.value:
                if not isinstance(k, yaml.ScalarNode):
                    raise _fail(
                        path,
                        "a key must be a plain word, not a list or a mapping",
                        place=_place(k),
                        hint="write 'key: value'; a '?' line starts a complex key",
                    )
                if k.value in seen:
                    raise _fail(
                        path,
                        f"duplicate key {k.value!r} (first at line {seen[k.value]})",
                        place=_place(k),
                        hint="YAML would silently keep only the last one",
                    )
                seen[k.value] = k.start_mark.line + 1
                size += 1 + visit(v, depth + 1)
        elif isinstance(node, yaml.SequenceNode):
            for v in node.value:
                size += visit(v, depth + 1)
        if size > MAX_YAML_NODES:
            raise _fail(
                path,
                f"too large: with its aliases (*name) expanded the file holds more than "
                f"{MAX_YAML_NODES:,} values",
                place=_place(node),
                hint="a profile file needs no more than a few thousand; expand the aliases by hand",
            )
        sizes[id(node)] = size
        return size

    if root is not None:
        visit(root, 0)


def _read_yaml(path: Path) -> tuple[Any, yaml.Node | None]:
    """Safely load one YAML file; return (data, node tree for locating errors)."""
    from .runtime import read_text_limited

    try:
        text = read_text_limited(path)  # bounded: /dev/zero, a named pipe, a huge file
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


def _line_of(node: yaml.Node | None, loc: tuple) -> int | None:
    """The line of the deepest node found along a pydantic error location: the line of its key
    (``threshold:`` rather than the first line of the block under it), or of its list item."""
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            nxt = None
            for k, v in node.value:
                if str(k.value) == str(key):
                    nxt, line = v, k.start_mark.line + 1
                    break
            if nxt is None:
                return line
            node = nxt
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
            if key >= len(node.value):
                return line
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            return line
    return line


_FIELD_HINTS = {
    ("Requirement", "level"): "a required level is a whole number from 1 to 5",
    ("Requirement", "critical"): "critical is true or false",
    ("Target", "per_staff"): "per_staff: K means one per K people analysed (K from 1 to 10,000,000)",
    ("Target", "headcount"): "headcount is a whole number of people, from 0 to 10,000,000",
    ("Requirement", "weight"): "a weight is a number above 0 and at most 1000 (default 1)",
    ("Attributes", "min_tenure_years"): "years of service, from 0 to 100",
    ("Archetype", "target"): "write `target: {headcount: N}` or `target: {per_staff: K}`, "
    "or a target on every role",
    ("Archetype", "sourcing"): "the default way to close a gap: build, buy or borrow",
    ("Principle", "level"): "the level every listed competency must reach, from 1 to 5",
    ("ScaleLevel", "level"): "the scale runs from 0 to 5",
    ("Thresholds", "ready_fit"): "a fit between 0 and 1, e.g. 0.9",
    ("Thresholds", "near_fit"): "a fit between 0 and 1, e.g. 0.7",
}


def _yaml_type(value: Any) -> str:
    names = {dict: "mapping", list: "list", str: "text", int: "number", float: "number"}
    return "true/false" if isinstance(value, bool) else names.get(type(value), type(value).__name__)


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The pydantic model reached by following ``loc`` (for did-you-mean on unknown keys)."""
    import typing

    current: Any = model
    skip = False  # the next part is a key of a dict[str, Model], not a field
    for part in loc:
        if isinstance(part, int) or skip:
            skip = False
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(str(part))
        if field is None:
            return None
        skip = typing.get_origin(field.annotation) is dict
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


# pydantic's error types, said in plain words; {key} is the key the value belongs to.
_PLAIN = {
    "text": "write a text, e.g. `{key}: AP lead`, or `{key}: {{en: AP lead, zh: 应付主管}}`",
    "string_type": "write a word or a text, not a number, list or mapping",
    "model_type": "write a mapping of keys under `{key}:` (`key: value` lines, indented)",
    "model_attributes_type": "write a mapping of keys under `{key}:` (`key: value` lines, indented)",
    "dict_type": "write a mapping of keys under `{key}:` (`key: value` lines, indented)",
    "list_type": "write a list under `{key}:` (lines starting with '- ')",
    "int_parsing": "write a whole number",
    "int_type": "write a whole number",
    "int_from_float": "write a whole number",
    "float_parsing": "write a number",
    "float_type": "write a number",
    "finite_number": "write a finite number",
    "bool_parsing": "write true or false",
    "bool_type": "write true or false",
    "string_pattern_mismatch": "an id is lower-case letters, digits and _, starting with a letter, "
    "e.g. `ap_lead`",
    "string_too_long": "too long (at most {max_length} characters)",
    "string_too_short": "write a text, not an empty one",
    "too_short": "list at least one",
    "greater_than": "must be above {gt}",
    "greater_than_equal": "must be {ge} or more",
    "less_than": "must be below {lt}",
    "less_than_equal": "must be {le} or less",
    "literal_error": "write {expected}",
    "missing": "required key is missing",
    "extra_forbidden": "unknown key",
}
# custom errors raised by a model as a whole, and the key they are about
_MODEL_ERROR_KEY = {
    "target_missing": "target",
    "target_twice": "target",
    "role_targets": "roles",
    "sourcing_keys": "sourcing",
}


def _number(v: Any) -> Any:
    if isinstance(v, int | float) and not isinstance(v, bool) and float(v).is_integer():
        return f"{int(v):,}" if abs(v) >= 10_000 else str(int(v))
    return f"{v:g}" if isinstance(v, float) else v


def _plain(err: Any) -> str:
    """An error in plain words, naming the key and, where it helps, an example."""
    kind = err["type"]
    loc = [p for p in err["loc"] if isinstance(p, str)]
    template = _PLAIN.get(kind)
    if template is None:
        return str(err["msg"]).removeprefix("Value error, ")
    ctx = {k: _number(v) for k, v in (err.get("ctx") or {}).items()}
    try:
        return template.format(key=loc[-1] if loc else "name", **ctx)
    except (KeyError, IndexError, ValueError):
        return str(err["msg"]).removeprefix("Value error, ")


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
        raise _findings_error(model, path, e, node) from None


def _findings_error(
    model: type[BaseModel], path: Path, e: ValidationError, node: yaml.Node | None
) -> ProfileError:
    findings = []
    for err in e.errors():
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        if err["type"] in _MODEL_ERROR_KEY:
            loc = (*loc, _MODEL_ERROR_KEY[err["type"]])
        line = _line_of(node, loc)
        place = _key_path(loc) + (f" (line {line})" if line else "")
        msg = _plain(err)
        hint = None
        value = err.get("input")
        if err["type"] == "extra_forbidden":
            parent = _model_at(model, loc[:-1])
            if parent is not None and loc:
                hint = suggest(str(loc[-1]), list(parent.model_fields))
            value = None
        elif err["type"] in ("missing", *_MODEL_ERROR_KEY):
            value = None
        if hint is None and loc:
            parent = _model_at(model, loc[:-1])
            hint = _FIELD_HINTS.get((parent.__name__ if parent else "", str(loc[-1])))
        shown = None
        if isinstance(value, dict | list):
            if err["type"] in _PLAIN and err["type"] not in ("missing", "extra_forbidden"):
                msg = f"{msg}; got a {_yaml_type(value)}"
        elif value is not None:
            shown = str(value)
        findings.append(Finding("error", str(path), msg, place=place, value=shown, hint=hint))
    fl = FindingList(findings)
    try:
        fl.raise_if_errors(ProfileError, f"{path}: invalid {'targets file' if model is TargetsFile else 'profile'}")
    except ProfileError as error:
        return error
    raise AssertionError("unreachable")


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


SKELETON_FILES = ("settings.yaml", "catalogue.yaml", "archetypes/01_example.yaml")


def write_blank(directory: str | Path) -> list[Path]:
    """Write a small commented profile folder (one archetype, three competencies) to start from.

    It passes :func:`load_profiles`. Nothing is replaced: if any of its files exists already,
    a :class:`~sscgap.errors.UsageError` says which and nothing is written. Returns the files
    written.
    """
    from .errors import UsageError

    root = Path(directory)
    if root.exists() and not root.is_dir():
        raise UsageError(f"{root}: exists and is not a folder")
    existing = [root / name for name in SKELETON_FILES if (root / name).exists()]
    if existing:
        raise UsageError(f"{existing[0]}: exists already; choose an empty folder")
    skeleton = resources.files("sscgap") / "skeleton"
    written = []
    for name in SKELETON_FILES:
        dest = root / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(skeleton.joinpath(*name.split("/")).read_bytes())
        written.append(dest)
    return written


def load_profiles(directory: str | Path | None = None, targets: str | Path | None = None) -> ProfileSet:
    """Load, validate and cross-check a profile folder (default: the shipped ten archetypes).

    Every file is read even when an earlier one is broken, and references (competency ids in
    roles and principles) are checked even in files with structure errors, so one
    :class:`ProfileError` lists the problems of the whole set at once (``.findings``).
    """
    root = Path(directory) if directory is not None else default_profiles_dir()
    if not root.exists():
        raise _fail(root, "profile folder not found")
    if not root.is_dir():
        raise _fail(root, "not a folder (--profiles takes a folder with catalogue.yaml)")
    fl = FindingList()

    def load(model: type[BaseModel], path: Path) -> tuple[Any, yaml.Node | None, Any]:
        data: Any = None
        node: yaml.Node | None = None
        try:
            data, node = _read_yaml(path)
            return _validate(model, path, data, node), node, data
        except ProfileError as e:
            fl.findings.extend(e.findings or [Finding("error", str(path), e.message)])
            return None, node, data

    settings_path = root / "settings.yaml"
    settings: Settings | None = Settings()
    settings_raw: tuple[Any, yaml.Node | None] = (None, None)
    if settings_path.exists():
        settings, node, raw = load(Settings, settings_path)
        settings_raw = (raw, node)

    cat_path = root / "catalogue.yaml"
    catalogue: Catalogue | None = None
    cat_raw: Any = None
    if cat_path.exists():
        catalogue, _, cat_raw = load(Catalogue, cat_path)
    else:
        fl.add(
            Finding(
                "error",
                str(root),
                "no catalogue.yaml (the competency catalogue) in this folder",
                hint="sscgap init --blank DIR writes a small commented profile folder to start from",
            )
        )

    arch_dir = root / "archetypes"
    files = sorted(arch_dir.glob("*.yaml")) + sorted(arch_dir.glob("*.yml")) if arch_dir.is_dir() else []
    files = sorted(files, key=lambda p: p.name)
    if not files:
        fl.add(Finding("error", str(root), "no archetypes (expected archetypes/*.yaml)"))
    loaded: list[tuple[Path, Archetype, yaml.Node | None]] = []
    raws: list[tuple[Path, Any, yaml.Node | None]] = []
    for f in files:
        archetype, node, raw = load(Archetype, f)
        raws.append((f, raw, node))
        if archetype is not None:
            loaded.append((f, archetype, node))

    comp_ids = (
        [c.id for c in catalogue.competencies] if catalogue is not None else _raw_competency_ids(cat_raw)
    )
    if comp_ids is not None:
        for f, raw, node in raws:
            fl.findings.extend(_unknown_competencies(f, raw, node, comp_ids, cat_path.name))
        if settings_path.exists():
            fl.findings.extend(
                _unknown_competencies(settings_path, *settings_raw, comp_ids, cat_path.name)
            )
    if catalogue is not None:
        try:
            _cross_check(cat_path, catalogue, loaded)
        except ProfileError as e:
            fl.findings.extend(e.findings)
    if fl.errors or settings is None or catalogue is None:
        if targets is not None:
            try:
                load_targets_file(targets)
            except ProfileError as e:
                fl.findings.extend(e.findings)
        _raise_all(fl, root)
    assert settings is not None and catalogue is not None
    pset = ProfileSet(
        source=str(root), settings=settings, catalogue=catalogue, archetypes=[a for _, a, _ in loaded]
    )
    if targets is not None:
        pset = apply_targets(pset, targets)
    return pset


def _raw_competency_ids(raw: Any) -> list[str] | None:
    """The competency ids of a catalogue that failed validation, as far as they can be read."""
    if not isinstance(raw, dict) or not isinstance(raw.get("competencies"), list):
        return None
    return [c["id"] for c in raw["competencies"] if isinstance(c, dict) and isinstance(c.get("id"), str)]


def _references(raw: Any) -> Iterable[tuple[tuple, str]]:
    """(key path, competency id) of every competency named in a raw archetype or settings file."""
    if not isinstance(raw, dict):
        return
    roles = raw.get("roles")
    for j, role in enumerate(roles if isinstance(roles, list) else []):
        reqs = role.get("requirements") if isinstance(role, dict) else None
        for k, req in enumerate(reqs if isinstance(reqs, list) else []):
            if isinstance(req, dict) and isinstance(req.get("competency"), str):
                yield ("roles", j, "requirements", k, "competency"), req["competency"]
    principles = raw.get("principles")
    for i, pr in enumerate(principles if isinstance(principles, list) else []):
        comps = pr.get("competencies") if isinstance(pr, dict) else None
        for k, cid in enumerate(comps if isinstance(comps, list) else []):
            if isinstance(cid, str):
                yield ("principles", i, "competencies", k), cid


def _unknown_competencies(
    path: Path, raw: Any, node: yaml.Node | None, comp_ids: list[str], catalogue: str
) -> list[Finding]:
    known = set(comp_ids)
    out = []
    for loc, cid in _references(raw):
        if cid not in known:
            line = _line_of(node, loc)
            out.append(
                Finding(
                    "error",
                    str(path),
                    f"unknown competency {cid!r} (not in {catalogue})",
                    place=_key_path(loc) + (f" (line {line})" if line else ""),
                    hint=suggest(cid, comp_ids),
                )
            )
    return out


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
            norm = normalise_header(key)
            if norm in by_name and by_name[norm][0] != c.id:
                fl.add(
                    Finding(
                        "error",
                        cat,
                        f"name {key!r} is also used by competency {by_name[norm][0]!r}; "
                        "roster headers would be ambiguous",
                        place=f"competencies[{i}].{place}",
                    )
                )
            by_name.setdefault(norm, (c.id, place))

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
    """Override targets and thresholds from a small YAML file, without copying the archetypes.

    A key of ``targets:`` is an archetype id (its own target, replacing any role targets) or a
    role id (that role's seats; an archetype whose target sat on itself then needs a target
    for every one of its roles). An id that names both an archetype and a role is the archetype.
    """
    tf = load_targets_file(path)
    known = [a.id for a in pset.archetypes]
    role_of = {r.id: a for a in pset.archetypes for r in a.roles}
    fl = FindingList()
    by_role: dict[str, dict[str, Target]] = {}
    for key, target in tf.targets.items():
        if key in known:
            continue  # an archetype id wins over a role of the same id (key_account_manager)
        if key in role_of:
            by_role.setdefault(role_of[key].id, {})[key] = target
        else:
            fl.add(
                Finding(
                    "error",
                    str(path),
                    f"unknown archetype {key!r}",
                    place=f"targets.{key}",
                    hint=suggest(key, known + list(role_of))
                    or "a key under targets: is an archetype id, or a role id for seats per role",
                )
            )
    for aid in tf.sourcing:
        if aid not in known:
            fl.add(
                Finding("error", str(path), f"unknown archetype {aid!r}", place=f"sourcing.{aid}", hint=suggest(aid, known))
            )
    archetypes = []
    for a in pset.archetypes:
        update: dict[str, Any] = {}
        if a.id in tf.targets:
            update["target"] = tf.targets[a.id]
            update["roles"] = [r.model_copy(update={"target": None}) for r in a.roles]
            if a.id in by_role:
                fl.add(
                    Finding(
                        "error",
                        str(path),
                        f"targets for archetype {a.id!r} and for its roles "
                        f"({', '.join(by_role[a.id])}); a target sits on one or the other",
                        place=f"targets.{a.id}",
                    )
                )
        elif a.id in by_role:
            given = by_role[a.id]
            missing = [r.id for r in a.roles if r.target is None and r.id not in given]
            if missing:
                fl.add(
                    Finding(
                        "error",
                        str(path),
                        f"archetype {a.id!r} has its target on itself; to count seats per role, "
                        f"give every role a target (missing: {', '.join(missing)})",
                        place=f"targets.{next(iter(given))}",
                    )
                )
            update["target"] = None
            update["roles"] = [
                r.model_copy(update={"target": given[r.id]}) if r.id in given else r for r in a.roles
            ]
        if a.id in tf.sourcing:
            update["sourcing"] = tf.sourcing[a.id]
            update["sourcing_reasoning"] = None
        archetypes.append(a.model_copy(update=update) if update else a)
    fl.raise_if_errors(ProfileError, f"{path}: invalid targets")
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
