"""Rendering split across two processes gives exactly the site one process gives."""

import os

import pytest

from conftest import REPO
from spaceatlas import parallel
from spaceatlas.generate import build_site


@pytest.fixture
def forks(monkeypatch):
    if not parallel.can_fork():
        pytest.skip("this machine or process cannot fork safely (one core, other threads or not Linux)")
    count = []
    real_fork = os.fork

    def counting_fork():
        count.append(1)
        return real_fork()

    monkeypatch.setattr(os, "fork", counting_fork)
    return count


def test_split_rendering_gives_the_same_site(forks, monkeypatch):
    monkeypatch.setattr(parallel, "MIN_JOBS", 10**9)
    alone = build_site(REPO).files
    assert not forks
    monkeypatch.setattr(parallel, "MIN_JOBS", 1)
    split = build_site(REPO).files
    assert len(forks) == 1
    assert split == alone


def test_a_job_failing_in_the_child_fails_as_it_would_alone(forks):
    def broken():
        raise ValueError("template problem")

    jobs = [lambda: {"a": "1"}, broken, lambda: {"c": "3"}]  # the odd-numbered job runs in the child
    with pytest.raises(ValueError, match="template problem"):
        parallel.run_jobs(lambda: jobs, expected=3, min_jobs=1)
    assert len(forks) == 1
    both = [lambda: {"a": "1"}, lambda: {"b": "2"}]
    assert parallel.run_jobs(lambda: both, expected=2, min_jobs=1) == {"a": "1", "b": "2"}
