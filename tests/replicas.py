"""scripts/serve-replicas.sh for a test: bench.servers starts and stops it (N dashboard
replicas behind nginx on a free port of 127.0.0.1, state under a temporary folder); here
only what the tests look at in /proc besides."""

from __future__ import annotations

from pathlib import Path

from bench.servers import Replicas, process_tree, replicas
from tests.conftest import ROOT

SCRIPT = ROOT / "scripts" / "serve-replicas.sh"


def start(tmp: Path, n: int, env_extra: dict | None = None) -> Replicas:
    """serve-replicas.sh N, ready (its `ready:` line printed); `.stop()` ends it."""
    return replicas(tmp, n, env_extra, wait=90)


def children(pid: int) -> set[int]:
    """Every live descendant of `pid`."""
    return set(process_tree(pid)) - {pid}


def alive(pid: int) -> bool:
    """True while `pid` runs (a zombie has stopped running: it only waits to be reaped)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""
