"""Fork-server kernels: each brief still gets a fresh kernel process, without paying the imports again.

``start()`` launches the server (``server.py``) for one batch and writes a
kernelspec, ``pnpm-fork``, whose provisioner (``provisioner.py``) asks the
server for a kernel; papermill, nbval and nbmake use it by kernel name. The
server's socket and the kernelspec's folder reach worker processes through
the environment (``PNPM_FORK_SOCKET``, ``PNPM_FORK_PID``, ``JUPYTER_PATH``). When the server is
down the provisioner starts an ordinary kernel instead. A server lives for one
batch, so a changed library is always picked up by the next batch.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

KERNEL_NAME = "pnpm-fork"
PROVISIONER = "pnpm-fork-provisioner"
SOCKET_ENV = "PNPM_FORK_SOCKET"
PID_ENV = "PNPM_FORK_PID"
CLIENT_OPTIONS = {"kernel_manager_class": "pnpm_lib.forkserver.client.FastKernelManager",
                  "shutdown_kernel": "immediate"}
"""nbclient options for forked kernels: no fixed start-up drain, no graceful-shutdown wait (0.52 → 0.24 s)."""


@dataclass
class ForkServer:
    process: subprocess.Popen
    folder: Path  # socket + kernelspec

    @property
    def socket(self) -> str:
        return str(self.folder / "server.sock")

    def wait_ready(self, timeout: float) -> bool:
        """True once the server listens; False if it exits or ``timeout`` passes first."""
        deadline = time.monotonic() + timeout
        while not os.path.exists(self.socket):
            if self.process.poll() is not None or time.monotonic() > deadline:
                return False
            time.sleep(0.02)
        return True

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        os.environ.pop(SOCKET_ENV, None)
        os.environ.pop(PID_ENV, None)
        _restore_jupyter_path(self.folder)
        shutil.rmtree(self.folder, ignore_errors=True)


def start(log_file: Path | None = None, wait: float = 0, parts: Path | None = None) -> ForkServer:
    """Start a fork server for this process and its future children.

    ``parts``: the folder where a batch whose every brief renders a prepared part
    writes them; the server then leaves the estimation libraries out
    (``server.preload``).

    It takes a few seconds to import and warm up; by default this returns at
    once, so worker processes start alongside it (the provisioner waits for
    the socket while the server lives). ``wait`` > 0 blocks until it listens
    and raises RuntimeError if it does not.
    """
    folder = Path(tempfile.mkdtemp(prefix="pnpm-fork-"))
    _write_kernelspec(folder / "kernels" / KERNEL_NAME)
    stderr = open(log_file, "ab") if log_file else subprocess.DEVNULL
    light = ["--parts", str(parts)] if parts is not None else []
    from pnpm_lib.briefs.stop import PARENT_ENV

    process = subprocess.Popen([sys.executable, "-m", "pnpm_lib.forkserver.server", str(folder / "server.sock"), *light],
                               stdout=subprocess.DEVNULL, stderr=stderr, stdin=subprocess.DEVNULL,
                               env={**os.environ, PARENT_ENV: str(os.getpid())})
    server = ForkServer(process, folder)
    os.environ[SOCKET_ENV] = server.socket
    os.environ[PID_ENV] = str(process.pid)
    os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(folder), os.environ.get("JUPYTER_PATH")]))
    if wait and not server.wait_ready(wait):
        server.stop()
        raise RuntimeError(f"fork server did not start within {wait:g} s; see {log_file or 'its stderr'}")
    return server


def _restore_jupyter_path(folder: Path) -> None:
    parts = [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p and p != str(folder)]
    if parts:
        os.environ["JUPYTER_PATH"] = os.pathsep.join(parts)
    else:
        os.environ.pop("JUPYTER_PATH", None)


def _write_kernelspec(folder: Path) -> None:
    """The ordinary python3 kernelspec plus our provisioner (its argv is the fallback)."""
    folder.mkdir(parents=True)
    spec = {"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "Python 3 (pnpm fork server)", "language": "python",
            "metadata": {"kernel_provisioner": {"provisioner_name": PROVISIONER}}}
    (folder / "kernel.json").write_text(json.dumps(spec, indent=1))
