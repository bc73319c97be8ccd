"""Files rendered on demand, or by a second process while MkDocs works, are the same files."""

import os
import signal

import pytest

from conftest import REPO
from spaceatlas.generate import build_site
from spaceatlas.rendered_files import Job, RenderedFiles, RenderingFailed, can_fork


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
    site = build_site(REPO, background=True)
    assert len(forks) == 1
    assert list(site.files) == sorted(here)
    # Ask in an order unlike the child's, so texts arrive before and after they are wanted.
    assert {path: site.files[path] for path in reversed(list(site.files))} == here
    assert site.files.background_seconds is not None


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

    files = RenderedFiles([Job(("a",), lambda: {"a": "1"}), Job(("b",), broken), Job(("c",), lambda: {"c": "3"})])
    assert files.render_in_background()
    assert files["a"] == "1"
    with pytest.raises(RenderingFailed, match="(?s)ValueError: template problem"):
        files["b"]


def test_a_background_process_that_dies_is_reported(forks):
    def die():
        os.kill(os.getpid(), signal.SIGKILL)

    files = RenderedFiles([Job(("a",), die)])
    assert files.render_in_background()
    with pytest.raises(RenderingFailed, match="ended .* before it made a"):
        files["a"]


def test_rendering_everything_at_once_makes_each_text_once():
    made = []
    files = RenderedFiles([Job((path,), lambda path=path: made.append(path) or {path: path}) for path in "ab"])
    files.render_all()
    assert made == ["a", "b"]
    assert dict(files) == {"a": "a", "b": "b"} and made == ["a", "b"]
