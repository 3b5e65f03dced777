"""A Jupyter kernel manager that lets a kernel finish starting before anyone talks to it.

rapaio-jupyter-kernel 3.0.1 binds its sockets before it registers its message handlers; a
kernel_info_request that arrives in between kills its shell thread with a NullPointerException
("this.handlers" is null) and the kernel never answers ("Kernel didn't respond in N seconds").
Jupyter's client sends that request as soon as the kernel process starts, so on a busy machine
about half of all starts hang. Even when the request comes later, some starts (about one in
five here) leave the shell channel deaf to every message.

This manager starts the kernel as usual, waits until all five of its ports are listening (read
from /proc/net/tcp, not by connecting to them), then checks with a client of its own that the
kernel answers a kernel_info_request; a kernel that does not is killed and started again. Only
then does the notebook's client connect.

Used by run-all.sh:
  PYTHONPATH=notebooks jupyter nbconvert --execute \
    --ExecutePreprocessor.kernel_manager_class=ready_kernel.ReadyKernelManager ...
It does nothing kernel-specific, so IJava and JJava run under it unchanged.
"""
import asyncio
import time

from jupyter_client.manager import AsyncKernelManager
from jupyter_client.session import Session

PORTS = ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")
WAIT_SECONDS = 120
GRACE_SECONDS = 0.5
FALLBACK_SECONDS = 10
PROBE_SECONDS = 15
ATTEMPTS = 6


def _listening_ports():
    """Ports in state LISTEN on this machine, from /proc/net/tcp*; None where that is absent."""
    ports = set()
    found = False
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as f:
                next(f)
                for line in f:
                    fields = line.split()
                    if fields[3] == "0A":  # TCP_LISTEN
                        ports.add(int(fields[1].rsplit(":", 1)[1], 16))
            found = True
        except OSError:
            pass
    return ports if found else None


class ReadyKernelManager(AsyncKernelManager):
    async def start_kernel(self, **kw):
        for attempt in range(1, ATTEMPTS + 1):
            await super().start_kernel(**kw)
            await self._wait_for_ports()
            if attempt == ATTEMPTS or await self._answers():
                return
            self.log.warning("The kernel did not answer within %d s (start %d of %d); starting it"
                             " again", PROBE_SECONDS, attempt, ATTEMPTS)
            await self.shutdown_kernel(now=True, restart=True)  # keeps the connection file

    async def _wait_for_ports(self):
        if self.transport != "tcp":
            return
        wanted = {getattr(self, name) for name in PORTS}
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline and await self.is_alive():
            listening = _listening_ports()
            if listening is None:  # not Linux: give the kernel a moment instead
                await asyncio.sleep(FALLBACK_SECONDS)
                return
            if wanted <= listening:
                break
            await asyncio.sleep(0.2)
        await asyncio.sleep(GRACE_SECONDS)

    async def _answers(self):
        """Whether the kernel answers a kernel_info_request, through a client of our own."""
        # A session of its own: the notebook's client later connects with the manager's session
        # id as its socket identity, which the kernel would refuse as taken.
        session = Session(key=self.session.key, signature_scheme=self.session.signature_scheme)
        client = self.client(session=session)
        client.start_channels()
        try:
            await client.wait_for_ready(timeout=PROBE_SECONDS)
            return True
        except RuntimeError:
            return False
        finally:
            client.stop_channels()
