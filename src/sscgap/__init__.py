"""sscgap: talent gap analyzer for shared service centres (SSC).

The library surface (see ``docs/api.md``)::

    import sscgap

    result = sscgap.analyze("staff.csv")          # or a pandas DataFrame
    result.to_dict()                              # the `--format json` document
    result.to_markdown(lang="zh")

``import sscgap`` is light: the API's modules (and pandas, numpy) load on first use.
"""

from __future__ import annotations

from ._version import __version__

# ``typing`` is not imported: the entry point's signal guard is in place only after this package
# has loaded, and every millisecond before it is one in which Ctrl-C prints a traceback
TYPE_CHECKING = False

__all__ = ["Result", "__version__", "analyze", "load_profiles", "load_roster"]

if TYPE_CHECKING:
    from typing import Any

    from .api import Result, analyze
    from .profiles import load_profiles
    from .roster import load_roster

_LAZY = {
    "Result": "api",
    "analyze": "api",
    "load_profiles": "profiles",
    "load_roster": "roster",
}


def __getattr__(name: str) -> Any:
    """The public names, imported on first use (``sscgap --version`` imports no pandas)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f".{module}", __name__), name)


def __dir__() -> list[str]:
    return sorted((set(globals()) - {"TYPE_CHECKING"}) | set(__all__))
