"""The inbox: where `fetch` leaves what it fetched until the store takes it.

Fetching and storing are apart because DuckDB lets one process write its file: while the
dashboard serves, a fetch from cron cannot open the store, so it leaves each article here and
the dashboard stores them (at start, and when the Sources page opens). Every entry is one JSON
file written under a temporary name and renamed when complete, so a fetch killed mid-way
leaves whole entries or none; the store removes an entry only after committing it, and skips
one it already holds, so an entry read twice is stored once.

`state.json` keeps, per source, the validators of its last answer (ETag, Last-Modified) and the
items already fetched, so that the next run asks only for what is new.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

STATE = "state.json"
LOCK = ".taking.lock"
SEEN_KEPT = 20_000  # item keys remembered per source (a feed shows its latest few hundred)


def _write(folder: Path, name: str, payload: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".tmp-{uuid.uuid4().hex}"
    with tmp.open("w", encoding="utf-8") as f:
        json.dump(payload, f, ensure_ascii=False)
        f.flush()
        os.fsync(f.fileno())
    final = folder / name
    os.replace(tmp, final)
    return final


def put_item(folder: Path, item: dict, raw: bytes) -> Path:
    """One fetched article (its metadata and the bytes the ingest reader will read)."""
    payload = dict(item, kind="item", raw=base64.b64encode(raw).decode("ascii"))
    return _write(Path(folder), f"{time.time_ns()}-item-{uuid.uuid4().hex[:8]}.json", payload)


def put_run(folder: Path, run: dict) -> Path:
    """One source's run: what it saw and what failed (stored after the run's items)."""
    return _write(Path(folder), f"{time.time_ns()}-run-{uuid.uuid4().hex[:8]}.json", dict(run, kind="run"))


@contextmanager
def taking(folder: Path):
    """Held while one process takes entries: the sessions of one server, the replicas beside
    it and a command may all drain one inbox, and none may take an entry another is taking
    (an advisory lock on a file of the folder; it ends with the process that held it)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / LOCK, "a+b") as handle:  # its own open file: other threads wait too
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def entries(folder: Path) -> list[tuple[Path, dict]]:
    """Complete entries, oldest first; a file that does not parse is set aside, not lost."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    out = []
    for path in sorted(folder.glob("*.json")):
        if path.name == STATE:
            continue
        try:
            out.append((path, json.loads(path.read_text(encoding="utf-8"))))
        except (OSError, ValueError):
            path.rename(path.with_suffix(".unreadable"))
    return out


def raw_bytes(entry: dict) -> bytes:
    return base64.b64decode(entry["raw"])


def done(path: Path) -> None:
    path.unlink(missing_ok=True)


def pending(folder: Path) -> int:
    folder = Path(folder)
    return sum(1 for p in folder.glob("*-item-*.json")) if folder.is_dir() else 0


def load_state(folder: Path) -> dict:
    try:
        return json.loads((Path(folder) / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def save_state(folder: Path, state: dict) -> None:
    for source in state.values():
        source["seen"] = source.get("seen", [])[-SEEN_KEPT:]
    _write(Path(folder), STATE, state)
