"""scripts/serve-replicas.sh started and stopped for a test: N dashboard replicas behind nginx
on a free port of 127.0.0.1, with its state under a temporary folder."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path

from tests.conftest import ROOT, free_port

SCRIPT = ROOT / "scripts" / "serve-replicas.sh"


def children(pid: int) -> set[int]:
    """Every live descendant of `pid`, read from /proc."""
    parent: dict[int, int] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                parent[int(d.name)] = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, todo = set(), [pid]
    while todo:
        p = todo.pop()
        kids = {c for c, pp in parent.items() if pp == p}
        found |= kids
        todo.extend(kids)
    return found


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


def start(tmp: Path, n: int, env_extra: dict | None = None) -> tuple[subprocess.Popen, str, Path]:
    """serve-replicas.sh N on a free port of 127.0.0.1, state under tmp; (process, URL, output)."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("SAHEL_COOKIE_SECRET", "SAHEL_REVIEWER_TOKEN")}
    env |= {
        "SAHEL_VAR": str(tmp / "var"),
        "SAHEL_DB": str(tmp / "store.duckdb"),
        "SAHEL_PROXY_ADDRESS": "127.0.0.1",
    } | (env_extra or {})
    out = tmp / "serve-replicas.out"
    proc = subprocess.Popen(
        ["bash", str(SCRIPT), str(n), str(port)],
        cwd=ROOT,
        env=env,
        stdout=out.open("w"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        text = out.read_text()
        found = re.search(r"ready: (http://\S+)", text)
        if found:
            return proc, found.group(1), out
        if proc.poll() is not None:
            break
        time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"serve-replicas.sh did not get ready:\n{out.read_text()[-3000:]}")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        for pid in children(proc.pid):
            os.kill(pid, signal.SIGKILL)
        proc.kill()
        proc.wait(timeout=10)
