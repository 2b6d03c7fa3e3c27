"""A kernel manager for forked kernels without jupyter_client's fixed waits.

jupyter_client 8 drains IOPub until a 0.2 s read times out after every kernel
start (``_async_wait_for_ready``), which is a third of a forked brief's life.
nbclient only reads IOPub messages whose parent is its own request, so a late
start-up status message is ignored anyway; we stop once IOPub is shown to be
connected. The rest of start-up is unchanged.
"""

from __future__ import annotations

import time
from queue import Empty

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from traitlets import DottedObjectName, Type


class FastKernelClient(AsyncKernelClient):
    async def wait_for_ready(self, timeout: float | None = None) -> None:  # the async client binds this name
        deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
        while True:
            self.kernel_info()
            try:
                msg = await self.shell_channel.get_msg(timeout=1)
            except Empty:
                msg = None
            if msg is not None and msg["msg_type"] == "kernel_info_reply":
                try:
                    await self.iopub_channel.get_msg(timeout=0.05)  # IOPub connected, or ask again
                except Empty:
                    pass
                else:
                    self._handle_kernel_info_reply(msg)
                    return
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")


class FastKernelManager(AsyncKernelManager):
    client_class = DottedObjectName("pnpm_lib.forkserver.client.FastKernelClient")
    client_factory = Type(FastKernelClient, klass=AsyncKernelClient)

    async def _async_wait(self, pollinterval: float = 0.1) -> None:
        """Poll a stopping kernel every 10 ms, not 100 ms: a pidfd poll costs nothing."""
        await super()._async_wait(pollinterval=0.01)
