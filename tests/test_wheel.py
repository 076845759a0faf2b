"""The built wheel carries the default profiles and finds them from outside the repo."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0 and "No module named" in proc.stderr and "hatchling" in proc.stderr:
        pytest.skip("hatchling is not installed in this environment (pip install '.[test]')")
    assert proc.returncode == 0, proc.stderr
    (whl,) = out.glob("sscgap-*.whl")
    return whl


def test_wheel_contains_profiles(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "sscgap/profiles/catalogue.yaml" in names
    assert "sscgap/profiles/settings.yaml" in names
    assert len([n for n in names if n.startswith("sscgap/profiles/archetypes/") and n.endswith(".yaml")]) == 10


def test_installed_wheel_uses_packaged_profiles(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "import sscgap, sscgap.profiles as p; "
        "d = p.default_profiles_dir(); s = p.load_profiles(); "
        "print(sscgap.__file__); print(d); print(len(s.archetypes))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    module_file, profiles_dir, count = proc.stdout.split("\n")[:3]
    assert module_file.startswith(str(site))
    assert profiles_dir.startswith(str(site))
    assert count == "10"


def test_wheel_contains_report_template_and_json_schema(wheel):
    import json

    zf = zipfile.ZipFile(wheel)
    names = zf.namelist()
    assert "sscgap/report/templates/report.html.j2" in names
    assert "sscgap/py.typed" in names
    assert "sscgap/schema/report.schema.json" in names
    schema = json.loads(zf.read("sscgap/schema/report.schema.json"))
    assert schema["properties"]["schema_version"] == {"const": 1}
