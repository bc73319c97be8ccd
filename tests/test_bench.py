"""`spaceatlas bench` runs each of its parts and reports it (it asserts nothing about time); the
fixture content stands in for the real one, so the whole run takes about twenty seconds."""

from conftest import make_project

OLD_RUN = "<!-- bench: begin (written by `spaceatlas bench --write`) -->\nAn old run.\n<!-- bench: end -->"


def test_a_tiny_bench_reports_each_part_and_writes_it_in_place_of_the_last(tmp_path, run_cli):
    project = make_project(tmp_path / "project")
    (project / "PERFORMANCE.md").write_text(f"# Performance\n\n{OLD_RUN}\n\nMore text.\n")
    code, out, err = run_cli(
        "--root", project, "bench", "--sizes", "20", "--serve-rounds", "1", "--pairs", "1", "--write"
    )
    assert code == 0, err
    report = out.split("\n\nwrote PERFORMANCE.md")[0].strip()
    parts = report.split("\n\n")
    assert parts[0].startswith("Run of ") and "`spaceatlas bench --sizes 20 --serve-rounds 1 --pairs 1`" in parts[0]
    assert parts[1].startswith("| Entries | Load + check |") and "\n| 20 | " in parts[1]
    assert parts[2].startswith("Real site (") and "treaties/outer-space-treaty" in parts[3]
    assert parts[4].startswith("Preview: a saved YAML edit") and parts[5].startswith("Load average at the end")
    written = (project / "PERFORMANCE.md").read_text()
    assert "An old run" not in written and report in written and written.endswith("\n\nMore text.\n")


def test_a_bench_with_nothing_to_measure_only_says_so(tmp_path, run_cli):
    code, out, err = run_cli("--root", tmp_path, "bench", "--sizes", "--serve-rounds", "0", "--pairs", "0")
    assert code == 0, err
    assert out.startswith("Run of ") and out.count("\n\n") == 2 and "Real site" not in out
