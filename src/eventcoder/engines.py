"""Where work runs: in this process, in a pool of processes on this machine, or on a Dask cluster.

An engine maps a function over chunks of work and gives the results back in input order, with only a few chunks in
flight at a time, so that memory stays flat however long the input and results can be written as they come. It
knows nothing of coding: the function it is given (`pipeline.code_chunk`) builds a Coder from the options it is
sent, which loads the model, the gazetteer and the lexicons once in each worker process, on its first chunk, and
keeps them for the next.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, Iterable, Iterator

from .errors import EngineError, EventcoderError

ENGINES = ("local", "dask")
PARENT_CHECK_S = 1.0  # how often a worker looks whether its parent is still there
WORKERS_RECOUNT_S = 5.0  # how often a Dask cluster's workers are counted again
CHUNKS_AHEAD = 2  # chunks in flight per worker: enough to keep every worker busy, few enough to keep memory flat


def available_cores() -> int:
    """The cores this process may run on (a container's or a batch job's share, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Engine:
    """Runs the work in this process, one chunk after the other."""

    workers = 1
    in_process = True  # the function it maps may be any callable; other engines send it to workers by name

    def map(self, fn: Callable[..., Any], chunks: Iterable[Any], *args: Any) -> Iterator[Any]:
        """fn(chunk, *args) for each chunk, in order."""
        for chunk in chunks:
            yield fn(chunk, *args)

    def close(self, abort: bool = False) -> None:
        """Let go of the workers: after the work in flight is done, or at once when `abort`."""

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, kind: type | None, *exc: object) -> None:
        self.close(abort=kind is not None)


class LocalPool(Engine):
    """`workers` processes on this machine. They are started fresh ("spawn"), not forked, so that a worker never
    inherits a half-held lock or a thread of its parent's, and behaves alike on Linux, macOS and Windows."""

    in_process = False

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)
        self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                         initializer=_start_worker, initargs=(os.getpid(),))

    @staticmethod
    def can_start() -> bool:
        """Whether workers can be spawned here: a spawned worker imports the parent's main program, which must
        then be a file (not a program read from standard input)."""
        main = sys.modules.get("__main__")
        path = getattr(main, "__file__", None)
        return path is None or os.path.exists(path)

    def map(self, fn: Callable[..., Any], chunks: Iterable[Any], *args: Any) -> Iterator[Any]:
        try:
            yield from _in_order(lambda chunk: self._pool.submit(fn, chunk, *args), chunks,
                                 lambda: CHUNKS_AHEAD * self.workers)
        except BrokenProcessPool:
            raise EngineError("a worker process died (out of memory, or killed): the documents in hand were "
                              "not coded; run again (with --db it goes on where it stopped)") from None

    def close(self, abort: bool = False) -> None:
        if abort:
            for process in list(getattr(self._pool, "_processes", {}).values()):
                process.terminate()  # a chunk takes seconds; ^C should not wait for it
        self._pool.shutdown(wait=not abort, cancel_futures=True)


class DaskCluster(Engine):
    """A Dask cluster: the one at `scheduler` (tcp://HOST:8786), or else one started here with `workers`
    single-threaded worker processes. Workers need eventcoder installed, the same version as here."""

    in_process = False

    def __init__(self, scheduler: str | None = None, workers: int | None = None) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise EngineError("the dask engine needs Dask's distributed scheduler: "
                              "pip install 'eventcoder[dask]'") from None
        self.cluster = None
        if scheduler:
            try:
                self.client = Client(scheduler, timeout="20s")
            except (OSError, TimeoutError, ValueError) as e:
                raise EngineError(f"cannot reach the Dask scheduler at {scheduler} ({e})") from None
        else:
            # one thread a worker: the coder is pure Python and spaCy, which a second thread would only slow
            self.cluster = LocalCluster(n_workers=max(1, workers or available_cores()), threads_per_worker=1,
                                        processes=True, dashboard_address=None, silence_logs=logging.CRITICAL)
            self.client = Client(self.cluster)
        self._workers, self._counted = 1, float("-inf")  # counted on first use

    @property
    def workers(self) -> int:
        """The worker threads the cluster has now (workers may join or leave while it runs), at least one."""
        now = time.monotonic()
        if now - self._counted > WORKERS_RECOUNT_S:
            self._workers = max(1, sum(self.client.nthreads().values()))
            self._counted = now
        return self._workers

    def map(self, fn: Callable[..., Any], chunks: Iterable[Any], *args: Any) -> Iterator[Any]:
        try:
            yield from _in_order(lambda chunk: self.client.submit(fn, chunk, *args, pure=False), chunks,
                                 lambda: CHUNKS_AHEAD * self.workers)
        except EventcoderError:  # ours, from a worker (a malformed overlay file, say): already one line
            raise
        except Exception as e:  # noqa: BLE001 - a worker lost, a scheduler gone: the cluster's failure, in a line
            raise EngineError(f"the Dask cluster failed ({type(e).__name__}: {e}); run again (with --db it "
                              "goes on where it stopped)") from None

    def close(self, abort: bool = False) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _start_worker(parent: int) -> None:
    """^C reaches every process of the terminal's group: a worker ignores it, and the parent stops them all,
    rather than each printing its own traceback. A worker whose parent was killed outright (SIGKILL, the OOM
    killer) would wait for work forever: it watches for that and ends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_end_with_parent, args=(parent,), daemon=True, name="eventcoder-watch-parent").start()


def _end_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_S)
    os._exit(1)


def _in_order(submit: Callable[[Any], Any], chunks: Iterable[Any], ahead: Callable[[], int]) -> Iterator[Any]:
    """Submit chunks, keeping at most `ahead()` in flight, and give back each result in submission order."""
    pending: deque = deque()
    try:
        for chunk in chunks:
            pending.append(submit(chunk))
            while len(pending) >= ahead():
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:  # stopped early (an error, the reader gone): drop what has not started
            future.cancel()
