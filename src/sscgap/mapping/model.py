"""The mapping file: its keys (pydantic, unknown keys refused), safe YAML loading with the
line of every key."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from ..errors import Finding, FindingList, MappingError
from .cells import _parse_date_text

# ---------------------------------------------------------------------------------------------
# The mapping file
# ---------------------------------------------------------------------------------------------


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Header = Annotated[str, Field(min_length=1)]


class Columns(_Model):
    """Standard field -> the export's header."""

    employee_id: Header | None = None
    name: Header | None = None
    department: Header | None = None
    site: Header | None = None
    position: Header | None = None
    hire_date: Header | None = None
    employment_type: Header | None = None
    tenure_years: Header | None = None


class Constants(_Model):
    """A standard field the export lacks, the same for everyone."""

    name: str | None = None
    department: str | None = None
    site: str | None = None
    position: str | None = None
    employment_type: Literal["internal", "external", "contractor"] | None = None
    tenure_years: Annotated[float, Field(ge=0, allow_inf_nan=False)] | None = None


Level = Annotated[float, Field(ge=0, le=5, allow_inf_nan=False)]


class Values(_Model):
    """Texts of the export -> what they mean."""

    employment_type: dict[str, Literal["internal", "external", "contractor"]] = {}
    level: dict[str, Level | None] = {}  # a rating text -> level 0-5 (null: not assessed)

    @field_validator("employment_type", "level", mode="before")
    @classmethod
    def _text_keys(cls, v: Any) -> Any:
        # a key left empty (its entries commented out) is an empty map; YAML reads `3: 2` with
        # a number as key, and a rating text is matched as text
        if v is None:
            return {}
        return {str(k): x for k, x in v.items()} if isinstance(v, dict) else v


class Long(_Model):
    """The export has one row per rating."""

    employee_id: Header | None = None
    competency: Header
    level: Header
    date: Header | None = None
    rater: Header | None = None


class Raters(_Model):
    prefer: Annotated[list[str], Field(min_length=1)]

    @field_validator("prefer", mode="before")
    @classmethod
    def _as_text(cls, v: Any) -> Any:
        return [str(x) for x in v] if isinstance(v, list) else v


class Mapping(_Model):
    """How to read one HR system's export. Every key is optional."""

    header_row: Annotated[int, Field(ge=1)] | None = None  # 1-based; default: detected
    sheet: str | int | None = None
    columns: Columns = Columns()
    constants: Constants = Constants()
    competencies: dict[str, Header] = {}  # catalogue id -> header (wide) or value (long)
    values: Values = Values()
    long: Long | None = None
    raters: Raters | None = None
    as_of: date | None = None
    date_order: Literal["YMD", "MDY", "DMY"] = "YMD"  # of dates written 03/27/2015: month or day first
    max_age_days: Annotated[int, Field(gt=0)] | None = None
    stale: Literal["ignore", "keep"] = "keep"

    _source: str = PrivateAttr(default="mapping")
    _lines: dict[str, int] = PrivateAttr(default_factory=dict)

    @field_validator("columns", "constants", "competencies", "values", mode="before")
    @classmethod
    def _empty(cls, v: Any) -> Any:
        return {} if v is None else v  # a key whose entries are all commented out

    @field_validator("as_of", mode="before")
    @classmethod
    def _date(cls, v: Any) -> Any:
        if isinstance(v, str):
            parsed = _parse_date_text(v)
            if parsed is None:
                raise ValueError("not a date")
            return parsed.date()
        if v is not None and not isinstance(v, date):  # a number is not read as a timestamp
            raise ValueError("not a date")
        return v

    @field_validator("date_order", mode="before")
    @classmethod
    def _order(cls, v: Any) -> Any:
        return v.strip().upper() if isinstance(v, str) else v  # mdy, Mdy

    @field_validator("header_row", "max_age_days", "sheet", mode="before")
    @classmethod
    def _not_bool(cls, v: Any) -> Any:
        if isinstance(v, bool):  # YAML's true/yes would otherwise read as 1
            raise ValueError("write a whole number, not true/false")
        return v

    @property
    def source(self) -> str:
        return self._source

    def place(self, key_path: str) -> str:
        """``columns.name (line 5)``: where a key is in the mapping file."""
        line = self._lines.get(key_path)
        while line is None and "." in key_path:
            key_path_up = key_path.rsplit(".", 1)[0]
            line = self._lines.get(key_path_up)
            if line is not None:
                break
            key_path = key_path_up
        return f"{key_path} (line {line})" if line else key_path

    def error(self, key_path: str, message: str, hint: str | None = None) -> MappingError:
        f = Finding("error", self._source, message, place=self.place(key_path), hint=hint)
        return MappingError(str(f), [f])


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader, with dates left as text: the model parses them and says where."""


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in _Loader.yaml_implicit_resolvers.items()
}


def _key_lines(node: yaml.Node | None, prefix: str, out: dict[str, int], path: str) -> None:
    """Every key path of a YAML mapping -> its line; a repeated key is an error."""
    if not isinstance(node, yaml.MappingNode):
        return
    seen: dict[str, int] = {}
    for k, v in node.value:
        key = str(k.value)
        line = k.start_mark.line + 1
        if key in seen:
            f = Finding(
                "error", path, f"duplicate key {key!r} (first at line {seen[key]})",
                place=f"line {line}", hint="YAML would silently keep only the last one",
            )
            raise MappingError(str(f), [f])
        seen[key] = line
        full = f"{prefix}.{key}" if prefix else key
        out[full] = line
        _key_lines(v, full, out, path)


def load_mapping(path: str | Path) -> Mapping:
    """Read and check a mapping file (safe YAML); errors name the file, key and line."""
    p = Path(path)

    def fail(message: str, place: str | None = None, hint: str | None = None) -> MappingError:
        f = Finding("error", str(p), message, place=place, hint=hint)
        return MappingError(str(f), [f])

    from ..runtime import read_text_limited

    try:
        text = read_text_limited(p)  # bounded: /dev/zero, a named pipe, a huge file
    except FileNotFoundError:
        raise fail("mapping file not found") from None
    except IsADirectoryError:
        raise fail("is a folder, not a mapping file") from None
    except UnicodeDecodeError:
        raise fail("not UTF-8 text", hint="save the mapping file as UTF-8") from None
    except OSError as e:
        raise fail(f"cannot read the mapping file ({e.strerror or e})") from None
    return parse_mapping(text, str(p))


def parse_mapping(text: str, source: str = "mapping") -> Mapping:
    """A mapping from its YAML text (``source`` names it in errors)."""

    def fail(message: str, place: str | None = None, hint: str | None = None) -> MappingError:
        f = Finding("error", source, message, place=place, hint=hint)
        return MappingError(str(f), [f])

    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        place = f"line {mark.line + 1}, column {mark.column + 1}" if mark else None
        hint = None
        if "constructor" in str(e):
            hint = "a mapping file holds plain data only: remove the '!!' tag"
        elif "mapping values are not allowed" in str(e):
            hint = "a header that contains ': ' must be in quotes"
        raise fail(f"invalid YAML: {e.problem or e.context}", place, hint) from None
    except yaml.YAMLError as e:
        raise fail(f"invalid YAML: {e}") from None
    if data is None:
        raise fail("the mapping file is empty", hint="see docs/mapping.md for its keys")
    if not isinstance(data, dict):
        raise fail("expected 'key: value' lines at the top", place="line 1")
    lines: dict[str, int] = {}
    _key_lines(node, "", lines, source)
    try:
        m = Mapping.model_validate(data)
    except ValidationError as e:
        findings = _findings(e, lines, source)
        FindingList(findings).raise_if_errors(MappingError, f"{source}: invalid mapping file")
        raise AssertionError("unreachable") from None
    m._source = source
    m._lines = lines
    return m


# what a key holds, said where pydantic's own words would not help
_KEY_HINTS = {
    "header_row": "the 1-based row that holds the headers (1 = the first row); "
    "leave it out to have it detected",
    "sheet": "the sheet's name, or its 0-based number (0 = the first sheet)",
    "as_of": "a date, e.g. 2026-06-30",
    "max_age_days": "a whole number of days above 0, e.g. 730",
    "stale": "keep (stale ratings are used) or ignore (they count as not assessed)",
    "constants.tenure_years": "years of service, 0 or more",
    "raters.prefer": "the rater types in order of preference, e.g. [manager, 360, self]",
    "long": "`long:` needs `competency` and `level`: the export's headers of the competency "
    "and level columns",
}
_LEVEL_HINT = "a rating text maps onto a level from 0 to 5 (or null: not assessed)"
_TYPE_HINT = "use internal, external or contractor"
_TEXT_KEYS = ("values.level", "values.employment_type")  # their keys are the export's texts


def _place_of(loc: list[str]) -> str:
    """``values.level."3 - Expert"``: a key path; a text of the export is quoted."""
    parent = ".".join(loc[:2])
    if len(loc) == 3 and parent in _TEXT_KEYS:
        return f'{parent}."{loc[2]}"'
    return ".".join(loc) or "(top level)"


def _findings(e: ValidationError, lines: dict[str, int], source: str) -> list[Finding]:
    """pydantic's errors, in the words of the profile files' errors: the key, its line, what
    is wrong with the value and what to write instead."""
    from ..profiles import _plain, _yaml_type

    findings: list[Finding] = []
    seen: set[str] = set()
    for err in e.errors():
        loc = [str(x) for x in err["loc"] if not str(x).startswith("function-")]
        kind = err["type"]
        value = err.get("input")
        if loc[:1] == ["sheet"]:  # str | int: one problem, not one per type tried
            loc, kind = ["sheet"], "sheet"
        key = ".".join(loc)
        if key in seen:
            continue
        seen.add(key)
        line = lines.get(key)
        probe = key
        while line is None and "." in probe:
            probe = probe.rsplit(".", 1)[0]
            line = lines.get(probe)
        place = _place_of(loc) + (f" (line {line})" if line else "")
        msg = _plain(err)
        hint = _KEY_HINTS.get(key) or _KEY_HINTS.get(loc[0] if loc else "")
        if kind == "sheet":
            msg, hint = "write a sheet name or its 0-based number", None
        elif kind == "extra_forbidden":
            parent = loc[:-1]
            hint = _did_you_mean(loc[-1], _keys_at(parent))
            if parent == ["columns"] and hint is None:
                hint = (
                    f"the standard fields are {', '.join(Columns.model_fields)}; "
                    "any other column is kept under its own header without a mapping"
                )
            elif parent in (["constants"], ["long"], ["raters"], []) and hint is None:
                hint = f"the keys here are {', '.join(_keys_at(parent))}"
            value = None
        elif kind == "missing":
            value = None
        elif loc[:2] == ["values", "level"]:
            hint = _LEVEL_HINT
            if kind in ("less_than_equal", "greater_than_equal"):
                msg = f"level {_plain_number(value)} is outside the scale 0-5"
                value = None
            elif len(loc) == 3:
                msg, hint = "write a level from 0 to 5, or null (not assessed)", None
        elif "employment_type" in loc:
            hint = _TYPE_HINT
            if kind == "literal_error":
                msg = "not a worker type"
        if isinstance(value, bool):
            value = None  # the message says "not true/false"
        if isinstance(value, dict | list):
            if "type" in kind or "parsing" in kind or kind == "sheet":
                msg = f"{msg}; got a {_yaml_type(value)}"
            value = None
        shown = None if value is None else str(value)
        findings.append(Finding("error", source, msg, place=place, value=shown, hint=hint))
    return findings


def _plain_number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _keys_at(loc: list[str]) -> list[str]:
    model: Any = Mapping
    for part in loc:
        fields: dict[str, Any] = getattr(model, "model_fields", {})
        fld = fields.get(part)
        if fld is None:
            return []
        ann = fld.annotation
        inner = [a for a in getattr(ann, "__args__", (ann,)) if isinstance(a, type)]
        model = next((a for a in inner if issubclass(a, BaseModel)), None)
        if model is None:
            return []
    return list(model.model_fields)


def _did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    match = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f"did you mean {match[0]!r}?" if match else None
