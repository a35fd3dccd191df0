"""Running a command and measuring it: wall time, and the peak memory of its whole process tree (a run on several
processes holds the sum of theirs, which no single process's peak shows). Shared by throughput.py and scaling.py."""
from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

SAMPLE_S = 0.05

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
WIKIPEDIA = [SHARED / "corpus" / "wikipedia" / "battles.jsonl",
             SHARED / "corpus" / "wikipedia" / "battles_with_infobox.jsonl"]


@dataclass
class Measurement:
    seconds: float
    peak_mb: float  # the most the command and all its children held at once (resident memory)
    returncode: int
    stderr: str


def run_measured(command: list[str], *, env: dict | None = None) -> Measurement:
    """Run `command`, its output thrown away, sampling the resident memory of it and its children."""
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env=env or os.environ.copy())
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss(proc.pid))
            done.wait(SAMPLE_S)

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    _, stderr = proc.communicate()
    seconds = time.perf_counter() - started
    done.set()
    watcher.join()
    return Measurement(seconds, peak[0] / 2**20, proc.returncode, stderr)


def tree_rss(pid: int) -> int:
    """Resident bytes of process `pid` and all its descendants (psutil where installed, else /proc)."""
    try:
        import psutil
    except ImportError:
        return _proc_tree_rss(pid)
    try:
        root = psutil.Process(pid)
        procs = [root] + root.children(recursive=True)
    except psutil.Error:
        return 0
    total = 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def _proc_tree_rss(pid: int) -> int:
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            fields = stat[stat.rindex(")") + 2:].split()
            children.setdefault(int(fields[1]), []).append(int(entry.name))
            rss[int(entry.name)] = int(fields[21]) * page
        except (OSError, ValueError, IndexError):
            continue
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo.extend(children.get(p, []))
    return total


def corpus_lines(paths: list[Path]) -> list[str]:
    """The non-blank lines of JSONL corpus files, in order."""
    lines = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            lines += [line.rstrip("\n") for line in f if line.strip()]
    return lines
