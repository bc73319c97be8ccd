"""What a maintainer sees for each kind of content mistake: file:line:column: field: message.

Each case is a file in tests/validation/: the file to write (`file`, `text`, and `also` for more
files), then the messages `spaceatlas validate` must print, in that order (`expect`; none: the
content is valid), and what it must not print (`absent`)."""

from pathlib import Path

import pytest
import yaml

CASES = sorted((Path(__file__).parent / "validation").glob("*.yaml"))


@pytest.mark.parametrize("case_file", CASES, ids=lambda path: path.stem)
def test_validation_case(project, write, run_cli, case_file):
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    for path, text in {case["file"]: case["text"], **case.get("also", {})}.items():
        write(path, text)
    code, out, err = run_cli("--root", project, "validate")
    assert code == (1 if case["expect"] else 0), err
    assert "Traceback" not in out + err
    found = 0
    for message in case["expect"]:
        assert message in err[found:], f"not found (after what came before):\n{message}\n\nin:\n{err}"
        found = err.index(message, found) + len(message)
    assert not [text for text in case.get("absent", []) if text in out + err], err


def test_valid_fixture_content_passes(project, run_cli):
    code, out, err = run_cli("--root", project, "validate")
    assert code == 0, err
    assert "content is valid" in out


def test_usage_error_exits_2(run_cli):
    code, _, err = run_cli("frobnicate")
    assert code == 2
