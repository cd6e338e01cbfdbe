"""A throwaway PostgreSQL cluster from Debian's packages, for the tests and benchmarks that
need a real one: `initdb` in a temporary folder, `pg_ctl start` on a free loopback port, and a
fresh database per test (`PgServer.database`). Stopped and removed by `stop`.

PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` user that
Debian's package creates (scripts/system_packages.sh installs it).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import psycopg


def bindir() -> Path:
    """The newest PostgreSQL server binaries Debian installed."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    if not found:
        raise RuntimeError("PostgreSQL's server is not installed: run scripts/system_packages.sh")
    return Path(found[-1]).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    def __init__(self, durable: bool = False):
        self.durable = durable
        self.folder = Path(tempfile.mkdtemp(prefix="sahel-pg-"))
        self.port = _free_port()
        self._as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self._as:
            shutil.chown(self.folder, "postgres")

    def _run(self, tool: str, *args: str) -> None:
        subprocess.run([*self._as, str(bindir() / tool), *args], check=True, capture_output=True, text=True)

    def start(self) -> PgServer:
        data = self.folder / "data"
        self._run("initdb", "-D", str(data), "-U", "sahel", "--auth=trust", "-E", "UTF8", "--no-sync")
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c max_connections=200"
        if not self.durable:  # a test cluster trades durability for speed; what is tested is the same
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(data), "-o", options, "-l", str(self.folder / "log"), "-w", "start")
        return self

    def dsn(self, dbname: str = "postgres") -> str:
        return f"postgresql://sahel@127.0.0.1:{self.port}/{dbname}"

    def database(self) -> str:
        """A new empty database; its address."""
        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.dsn(), autocommit=True) as con:
            con.execute(f"CREATE DATABASE {name}")
        return self.dsn(name)

    def stop_server(self) -> None:
        """Stop the cluster, keeping its files (a database that goes away under a client)."""
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")

    def stop(self) -> None:
        try:
            if (self.folder / "data" / "postmaster.pid").exists():
                self.stop_server()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
