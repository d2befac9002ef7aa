"""The visit's query string in a preheated kernel, without importing Voila into the kernel.

Standalone Voila with a kernel pool (voila.json) runs the notebook before anyone asks for it: the
kernel waits at the share link's cell until a visit takes it, and Voila then sends the visit's
request (its query string among it) over a websocket, ``<base>voila/query/<kernel id>``. Voila's
own helper for this wait, ``voila.utils.get_query_string``, imports Jupyter Server into the
kernel: 1.5 s and 47 MB more for every preheated kernel here (bench/README.md), paid at the cold
start and by each refill of the pool while a visitor's page boots. This is the same wait with
``websockets`` only (a dependency of Voila), reading the environment variables voila 0.5.13 gives
its kernels (voila/utils.py: ENV_VARIABLE, wait_for_request).
"""

import asyncio
import contextlib
import json
import os
import threading

from lib.ui.download import LOG

CONNECT_SECONDS = 5


def visit_query_string() -> str:
    """The page's query string: a preheated kernel waits for its visit first."""
    if os.environ.get("VOILA_PREHEAT", "False") != "False":
        os.environ.update(_visit_request())
    return os.environ.get("QUERY_STRING", "")


def _query_socket_url() -> str:
    protocol = os.environ.get("VOILA_WS_PROTOCOL", "ws")
    host = os.environ.get("VOILA_APP_IP", "127.0.0.1")
    port = os.environ.get("VOILA_APP_PORT", "8866")
    base = os.environ.get("VOILA_WS_BASE_URL", os.environ.get("VOILA_SERVER_URL", "/"))
    kernel = os.environ.get("VOILA_KERNEL_ID", "")
    return f"{protocol}://{host}:{port}{base}voila/query/{kernel}"


def _visit_request() -> dict[str, str]:
    """Block until Voila sends the visit's request variables ({} if it cannot be reached)."""
    received = []

    async def receive() -> None:
        import websockets  # only here: a browser kernel (the static site) has no websockets

        url = _query_socket_url()
        try:
            async with websockets.connect(url, open_timeout=CONNECT_SECONDS) as socket:
                received.append(await socket.recv())
        except (OSError, TimeoutError, websockets.WebSocketException) as error:
            LOG.warning("the visit's query string did not arrive: %r", error)

    # ipykernel's event loop runs in this thread: the wait has a thread and a loop of its own.
    thread = threading.Thread(target=asyncio.run, args=(receive(),))
    thread.start()
    thread.join()
    with contextlib.suppress(IndexError, ValueError, AttributeError):  # none, or not a dict
        return {str(name): str(value) for name, value in json.loads(received[0]).items()}
    return {}
