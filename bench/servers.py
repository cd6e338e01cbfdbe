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
