"""Streamlit servers for the benchmarks: the dashboard and the two baseline apps.

The baselines run from a temporary folder holding a copy of static/ and of the project's
.streamlit/config.toml, so they are served exactly like the dashboard (static serving on, the
map topology from the server, no CDN): the ratios then measure the dashboard, not the setup.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINES = Path(__file__).resolve().parent / "baselines"


def machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine so far, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    tick = os.sysconf("SC_CLK_TCK")
    return (sum(values) - idle) / tick, sum(values) / tick


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    name: str
    proc: subprocess.Popen
    url: str
    log: Path

    def rss_mb(self) -> float:
        """Resident memory of the server process, from /proc (no psutil needed)."""
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def cpu_seconds(self) -> float:
        """User + system CPU time the server process has used (fields 14 and 15 of stat)."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def _start(name: str, args: list[str], cwd: Path, env: dict, log: Path, wait: float = 120) -> Server:
    port = free_port()
    handle = open(log, "w")
    proc = subprocess.Popen(
        [
            sys.executable,
            *args,
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=cwd,
        env=env,
        stdout=handle,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return Server(name, proc, url, log)
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError(f"{name} did not start: {log.read_text()[-2000:]}")


def dashboard(tmp: Path, env_extra: dict | None = None) -> Server:
    """`python -m dashboard.ui.serve` on a throw-away store (SAHEL_DB under tmp)."""
    tmp.mkdir(parents=True, exist_ok=True)
    # Read-only unless the caller passes a reviewer token: a stray one in the shell must not
    # change what the timed pages draw.
    env = {k: v for k, v in os.environ.items() if k != "SAHEL_REVIEWER_TOKEN"}
    env |= {"SAHEL_DB": str(tmp / "store.duckdb")} | (env_extra or {})
    return _start("dashboard", ["-m", "dashboard.ui.serve"], ROOT, env, tmp / "server.log")


def baseline(name: str, tmp: Path) -> Server:
    """`streamlit run app.py` of bench/baselines/<name>.py from a folder laid out like ours."""
    folder = tmp / f"baseline-{name}"
    if folder.exists():
        shutil.rmtree(folder)
    (folder / ".streamlit").mkdir(parents=True)
    shutil.copytree(ROOT / "static", folder / "static")
    shutil.copy(ROOT / ".streamlit" / "config.toml", folder / ".streamlit" / "config.toml")
    shutil.copy(BASELINES / f"{name}.py", folder / "app.py")
    # The bundled data only; the project on the path for the diagnostic page that imports it.
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAHEL_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return _start(
        f"baseline-{name}", ["-m", "streamlit", "run", "app.py"], folder, env, tmp / f"baseline-{name}.log"
    )


def process_tree(root: int) -> dict[int, tuple[str, float, float]]:
    """The live processes under `root` (itself included): pid -> (command, CPU seconds, RSS MB)."""
    parent, info = {}, {}
    tick = os.sysconf("SC_CLK_TCK")
    page_mb = os.sysconf("SC_PAGE_SIZE") / 2**20
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            fields = (d / "stat").read_text().rsplit(")", 1)[1].split()
            cmd = (d / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:
            continue
        pid = int(d.name)
        parent[pid] = int(fields[1])
        info[pid] = (cmd, (int(fields[11]) + int(fields[12])) / tick, int(fields[21]) * page_mb)
    found, todo = {root}, [root]
    while todo:
        p = todo.pop()
        kids = [c for c, pp in parent.items() if pp == p and c not in found]
        found.update(kids)
        todo.extend(kids)
    return {pid: info[pid] for pid in found if pid in info}


@dataclass
class Replicas:
    """scripts/serve-replicas.sh: N dashboard replicas behind nginx, one process tree."""

    name: str
    proc: subprocess.Popen
    url: str
    log: Path  # the script's own output
    state: Path  # SAHEL_VAR/replicas: each replica's log, nginx's logs

    def split(self) -> dict[str, tuple[float, float]]:
        """CPU seconds and RSS MB by part: "nginx" (master, workers, cache processes), each
        replica by its port order ("replica-1", ...), and "launcher" (the bash script)."""
        names = {}
        pids = self.state / "pids"
        for line in pids.read_text().splitlines() if pids.exists() else []:
            parts = line.split()
            if len(parts) >= 2 and parts[0].startswith("replica-"):
                names[int(parts[1])] = parts[0]
        out: dict[str, list[float]] = {}
        for pid, (cmd, cpu, rss) in process_tree(self.proc.pid).items():
            part = names.get(pid) or ("nginx" if cmd.startswith("nginx") else "launcher")
            acc = out.setdefault(part, [0.0, 0.0])
            acc[0] += cpu
            acc[1] += rss
        return {k: (v[0], v[1]) for k, v in sorted(out.items())}

    def cpu_seconds(self) -> float:
        return sum(cpu for _, cpu, _ in process_tree(self.proc.pid).values())

    def rss_mb(self) -> float:
        return sum(rss for _, _, rss in process_tree(self.proc.pid).values())

    def log_text(self) -> str:
        return "\n".join(p.read_text(errors="replace") for p in sorted(self.state.glob("replica-*.log")))

    def stop(self) -> None:
        """SIGTERM to the script, which stops nginx and the replicas; whatever is left after
        40 s is killed by pid."""
        tree = process_tree(self.proc.pid)
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=40)
            except subprocess.TimeoutExpired:
                pass
        for pid in tree:
            try:
                os.kill(pid, 9)
            except OSError:
                pass
        if self.proc.poll() is None:
            self.proc.wait()


def replicas(
    tmp: Path,
    n: int = 1,
    env_extra: dict | None = None,
    ws_compression: bool | None = None,
    wait: float = 180,
    name: str | None = None,
) -> Replicas:
    """`bash scripts/serve-replicas.sh N PORT` on a free port of 127.0.0.1, its state (cookie
    secret, logs, nginx's files) under tmp; a DuckDB store under tmp unless env_extra names one.
    ws_compression: Streamlit's server.enableWebsocketCompression (None: the script's default)."""
    tmp.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in ("SAHEL_REVIEWER_TOKEN", "SAHEL_COOKIE_SECRET")}
    env |= {
        "SAHEL_DB": str(tmp / "store.duckdb"),
        "SAHEL_VAR": str(tmp / "var"),
        "SAHEL_PROXY_ADDRESS": "127.0.0.1",
        "PYTHON": sys.executable,
    } | (env_extra or {})
    if ws_compression is not None:
        env["SAHEL_WS_COMPRESSION"] = "true" if ws_compression else "false"
    else:
        env.pop("SAHEL_WS_COMPRESSION", None)
    port = free_port()
    log = tmp / "serve-replicas.out"
    proc = subprocess.Popen(
        ["bash", str(ROOT / "scripts" / "serve-replicas.sh"), str(n), str(port)],
        cwd=ROOT,
        env=env,
        stdout=open(log, "w"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline and proc.poll() is None:
        if "ready: http://" in log.read_text():
            return Replicas(
                name or f"proxy ({n} replica{'s' if n > 1 else ''})", proc, url, log, tmp / "var" / "replicas"
            )
        time.sleep(0.3)
    running = Replicas("proxy", proc, url, log, tmp / "var" / "replicas")
    running.stop()
    raise RuntimeError(f"serve-replicas.sh did not get ready: {log.read_text()[-2000:]}")
