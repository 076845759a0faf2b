from conftest import MINI_PROFILES, MINI_ROSTER, run_cli


def test_analyze_mini_json(runner):
    import json

    result = run_cli(runner, "analyze", MINI_ROSTER, "--profiles", MINI_PROFILES, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["summary"]["coverage_index"] == 0.75
