"""Files rendered on demand, or by a second process while MkDocs works, are the same files."""

import os
import signal

import pytest

from conftest import REPO, make_project
from spaceatlas.errors import ContentErrors
from spaceatlas.generate import build_site, start_site
from spaceatlas.rendered_files import Job, RenderedFiles, RenderingFailed, can_fork, start_in_background


@pytest.fixture
def forks(monkeypatch):
    if not can_fork():
        pytest.skip("this machine or process cannot fork safely (one core, other threads or not Linux)")
    count = []
    real_fork = os.fork

    def counting_fork():
        count.append(1)
        return real_fork()

    monkeypatch.setattr(os, "fork", counting_fork)
    return count


def test_background_rendering_gives_the_same_site(forks):
    here = dict(build_site(REPO).files.items())
    assert not forks
    site = start_site(REPO)()
    assert len(forks) == 1
    assert list(site.files) == sorted(here)
    # Ask in an order unlike the child's, so texts arrive before and after they are wanted.
    assert {path: site.files[path] for path in reversed(list(site.files))} == here
    assert site.files.background_seconds is not None
    assert site.redirects == build_site(REPO).redirects


def test_content_problems_found_in_the_background_process_are_raised_here_with_every_line(forks, tmp_path):
    root = make_project(tmp_path / "project")
    broken = root / "content/agencies/nasa.yaml"
    broken.write_text(broken.read_text() + "founded: someday\n")  # given twice
    with pytest.raises(ContentErrors) as here:
        build_site(root)
    with pytest.raises(ContentErrors) as there:
        start_site(root)()
    assert len(forks) == 1
    assert there.value.report() == here.value.report()
    assert "content/agencies/nasa.yaml:" in there.value.report()


def test_an_unexpected_error_while_preparing_is_raised_with_its_traceback(forks):
    def prepare():
        raise LookupError("no such template")

    pending = start_in_background(prepare)
    with pytest.raises(RenderingFailed, match="(?s)LookupError: no such template"):
        pending.result()


def test_texts_are_made_once_and_only_when_read():
    made = []

    def job(path):
        return Job((path,), lambda: made.append(path) or {path: path.upper()})

    files = RenderedFiles([job("b"), job("a")])
    assert list(files) == ["a", "b"] and "a" in files and "c" not in files
    assert not made
    assert files["b"] == "B" and files["b"] == "B"
    assert made == ["b"]
    with pytest.raises(KeyError):
        files["c"]


def test_a_job_making_other_paths_than_it_declared_is_refused():
    files = RenderedFiles([Job(("a",), lambda: {"a": "1", "extra": "2"})])
    with pytest.raises(RuntimeError, match="declared"):
        files["a"]


def test_an_error_in_the_background_process_is_raised_with_its_traceback(forks):
    def broken():
        raise ValueError("template problem")

    jobs = [Job(("a",), lambda: {"a": "1"}), Job(("b",), broken), Job(("c",), lambda: {"c": "3"})]
    prepared, files = start_in_background(lambda: ("plan", jobs)).result()
    assert prepared == "plan" and list(files) == ["a", "b", "c"]
    assert files["a"] == "1"
    with pytest.raises(RenderingFailed, match="(?s)ValueError: template problem"):
        files["b"]


def test_a_background_process_that_dies_is_reported(forks):
    def die():
        os.kill(os.getpid(), signal.SIGKILL)

    _, files = start_in_background(lambda: (None, [Job(("a",), die)])).result()
    with pytest.raises(RenderingFailed, match="ended .* before it made a"):
        files["a"]


def test_rendering_everything_at_once_makes_each_text_once():
    made = []
    files = RenderedFiles([Job((path,), lambda path=path: made.append(path) or {path: path}) for path in "ab"])
    files.render_all()
    assert made == ["a", "b"]
    assert dict(files) == {"a": "a", "b": "b"} and made == ["a", "b"]
