"""The site's files by path, each rendered when first asked for, or by a second process
while MkDocs works.

`mkdocs build` reads the generated pages one at a time, on one core, for a minute or more at
5,000 entries. In the background mode a forked child renders every file, in the order MkDocs
reads them, and streams the texts back: rendering then runs on the other core instead of
holding MkDocs up, and MkDocs finds each page ready when it gets to it. `start_in_background`
forks before even the jobs are known: the child first prepares them (loads and checks the
content) while MkDocs starts up, and sends back their paths.
"""

from __future__ import annotations

import gc
import os
import pickle
import select
import struct
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Job:
    paths: tuple[str, ...]  # the site paths it makes, known before it runs
    render: Callable[[], dict[str, str]]  # -> {site path: text}


class RenderingFailed(Exception):
    """Rendering failed in the background process; the message carries its traceback."""


def can_fork() -> bool:
    # Forking copies only the calling thread: with other threads running (mkdocs serve's
    # server and file watcher) a lock they hold could never be released in the child.
    return sys.platform == "linux" and (os.cpu_count() or 1) > 1 and threading.active_count() == 1


class RenderedFiles(Mapping[str, str]):
    """Every file of the site, in path order. A text is made the first time it is read."""

    def __init__(self, jobs: list[Job]):
        self._jobs: dict[str, Job] = {}
        for job in jobs:
            for path in job.paths:
                if path in self._jobs:
                    raise ValueError(f"two jobs make {path}")
                self._jobs[path] = job
        self._paths = sorted(self._jobs)
        self._known = frozenset(self._paths)
        self._order = jobs
        self._texts: dict[str, str] = {}
        self._child: _Child | None = None
        self._failure: str | None = None  # what the child reported when a job failed there
        self.waited = 0.0  # seconds spent rendering here, or waiting for the child
        self.background_seconds: float | None = None  # the child's CPU time, once it has finished

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)

    def __contains__(self, path: object) -> bool:
        return path in self._known

    def __getitem__(self, path: str) -> str:
        text = self._texts.get(path)
        if text is None:
            if path not in self._known:
                raise KeyError(path)
            start = time.perf_counter()
            if self._child is not None:
                self._receive(path)
            else:
                self._render(self._jobs[path])
            self.waited += time.perf_counter() - start
            text = self._texts[path]
        return text

    def render_all(self) -> None:
        """Make every text here and now."""
        for job in list(self._order):
            if job.paths[0] not in self._texts:
                self._render(job)

    @classmethod
    def _receiving(cls, paths: list[tuple[str, ...]], child: _Child) -> RenderedFiles:
        """The files a child is rendering, as it declared them: each job's paths, in its order.
        Only the child renders them: this process holds no jobs, so the content they would hold
        is not kept here, where MkDocs' garbage collector would walk it for the whole build."""
        files = cls([Job(group, _rendered_elsewhere) for group in paths])
        files._child, files._jobs, files._order = child, {}, []
        return files

    def _render(self, job: Job) -> None:
        self._texts.update(_checked(job, job.render()))
        if len(self._texts) == len(self._paths):
            self._jobs, self._order = {}, []  # all made: let the content go

    def _receive(self, path: str) -> None:
        child = self._child
        assert child is not None
        for message in child.messages(done=lambda: path in self._texts or self._failure is not None):
            self._take(message)
        if len(self._texts) == len(self._paths):  # all here: read the child's last word, and let it go
            for message in child.messages(done=lambda: False):
                self._take(message)
        if path not in self._texts:
            raise RenderingFailed(self._failure or f"the rendering process ended ({child.ending}) before it made {path}")

    def _take(self, message: tuple[str, object]) -> None:
        kind, value = message
        if kind == "files":
            self._texts.update(value)  # type: ignore[arg-type]
        elif kind == "done":
            self.background_seconds = value  # type: ignore[assignment]
        else:
            self._failure = str(value)


class Pending:
    """What a child started by `start_in_background` prepares; `result()` waits for it."""

    def __init__(self, child: _Child):
        self._child = child

    def result(self) -> tuple[object, RenderedFiles]:
        """The value `prepare` gave and the files the child is rendering; what `prepare` raised
        (such as the content's problems) is raised here."""
        for kind, value in self._child.messages(done=lambda: False):
            if kind == "prepared":
                prepared, paths = value  # type: ignore[misc]
                return prepared, RenderedFiles._receiving(paths, self._child)
            if kind == "raised":
                raise value  # type: ignore[misc]
            raise RenderingFailed(str(value))
        raise RenderingFailed(f"the background process ended ({self._child.ending}) before it had prepared the site")


def start_in_background(prepare: Callable[[], tuple[object, list[Job]]],
                        passes: tuple[type[Exception], ...] = ()) -> Pending | None:
    """Fork a child that runs `prepare()`, sends back the value it returns beside its jobs (and
    the jobs' paths), then renders every job in order. None (and nothing done) where forking is
    unsafe. The caller goes on at once; `Pending.result()` waits for what `prepare` made. An
    exception of a type in `passes` (the content's problems) is raised there as it is; any other
    failure as RenderingFailed, with the child's traceback."""
    if not can_fork():
        return None
    return Pending(_fork(lambda send: _prepare_and_render(prepare, passes, send)))


def _prepare_and_render(prepare: Callable[[], tuple[object, list[Job]]], passes: tuple[type[Exception], ...],
                        send: Callable[[str, object], None]) -> None:
    try:
        prepared, jobs = prepare()
    except passes as problem:
        send("raised", problem)
        return
    send("prepared", (prepared, [job.paths for job in jobs]))
    for job in jobs:
        send("files", _checked(job, job.render()))


def _rendered_elsewhere() -> dict[str, str]:
    raise AssertionError("this job is rendered by the background process")


def _checked(job: Job, texts: dict[str, str]) -> dict[str, str]:
    if set(texts) != set(job.paths):
        raise RuntimeError(f"a rendering job declared {sorted(job.paths)} but made {sorted(texts)}")
    return texts


class _Child:
    """The parent's end: length-prefixed pickled messages, read from the spool file as they come."""

    def __init__(self, pid: int, spool, wake_fd: int):
        self.pid, self.spool, self.wake_fd = pid, spool, wake_fd
        self.offset = 0  # how far the spool has been read; os.pread leaves the shared file position alone
        self.buffer = bytearray()
        self.ending = "still running"
        os.set_blocking(wake_fd, False)

    def messages(self, done: Callable[[], bool]) -> Iterator[tuple[str, object]]:
        """What has arrived; then, until `done()` or the child's end, wait for more."""
        yield from self._arrived()
        while not done() and self.wake_fd >= 0:
            select.select([self.wake_fd], [], [])
            self._drain_wakeups()
            yield from self._arrived()
        if self.wake_fd < 0 and not self.spool.closed:  # the child has ended, and all it wrote is read
            self.spool.close()

    def _drain_wakeups(self) -> None:
        while True:
            try:
                if os.read(self.wake_fd, 1 << 16):
                    continue
            except BlockingIOError:
                return
            self._close()  # end of file: the child has finished and closed its end
            return

    def _arrived(self) -> Iterator[tuple[str, object]]:
        if self.spool.closed:
            return
        while chunk := os.pread(self.spool.fileno(), 1 << 24, self.offset):
            self.offset += len(chunk)
            self.buffer += chunk
        offset = 0
        try:
            while len(self.buffer) - offset >= 8:
                (size,) = struct.unpack_from("<Q", self.buffer, offset)
                if len(self.buffer) - offset - 8 < size:
                    return
                message = pickle.loads(self.buffer[offset + 8:offset + 8 + size])
                offset += 8 + size
                yield message
        finally:
            del self.buffer[:offset]

    def _close(self) -> None:
        os.close(self.wake_fd)
        self.wake_fd = -1
        _, status = os.waitpid(self.pid, 0)
        self.ending = f"exit status {os.waitstatus_to_exitcode(status)}"


def _fork(work: Callable[[Callable[[str, object], None]], None]) -> _Child:
    """Fork a child that runs `work(send)`; `send(kind, value)` passes a message to this process."""
    # Objects made so far are only read from now on: keep the child's cycle collector off
    # them, so that it does not write to (and so copy) the memory it shares with us.
    gc.freeze()
    # Texts go through an unlinked temporary file, which never fills up: the child renders at
    # its own pace, and a page is waiting when MkDocs gets to it. A pipe carries only wake-ups.
    spool = tempfile.TemporaryFile()
    wake_read, wake_write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(wake_read)
        _work_and_send(work, spool.fileno(), wake_write)  # never returns
    gc.unfreeze()
    os.close(wake_write)
    return _Child(pid, spool, wake_read)


def _work_and_send(work: Callable[[Callable[[str, object], None]], None], spool_fd: int, wake_fd: int) -> None:
    """In the child: run `work`, appending each message to the spool; report an error with its
    traceback, or at the end the CPU time taken; leave without running any cleanup."""
    status = 1
    try:
        os.set_blocking(wake_fd, False)
        spool = open(spool_fd, "wb", closefd=False)

        def send(kind: str, value: object) -> None:
            data = pickle.dumps((kind, value), protocol=pickle.HIGHEST_PROTOCOL)
            spool.write(struct.pack("<Q", len(data)) + data)
            spool.flush()  # all of it in the file before the wake-up
            try:
                os.write(wake_fd, b".")
            except BlockingIOError:  # the pipe is full of wake-ups already: the parent will wake
                pass

        start = time.process_time()
        try:
            work(send)
        except Exception:
            send("error", "the background process failed:\n" + traceback.format_exc())
        else:
            send("done", time.process_time() - start)
            status = 0
    finally:
        os._exit(status)
