"""Import a module on first use, so that its import can overlap work that needs no GIL.

``sscgap analyze`` starts Arrow's parse of the roster in a background thread and imports pandas
(a quarter of a second of Python) while the file is being parsed (see
:func:`sscgap.arrowio.read_csv_typed`). For that the modules on the way to the read refer to
pandas through :func:`lazy_import` rather than importing it at the top.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from types import ModuleType


def lazy_import(name: str) -> ModuleType:
    """The module ``name``: the imported one if it is, else a stand-in that imports it when an
    attribute is first read."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:  # pragma: no cover - a declared dependency
        return importlib.import_module(name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module


def load(module: ModuleType) -> ModuleType:
    """Finish importing a module from :func:`lazy_import` now."""
    getattr(module, "__name__", None)
    return module
