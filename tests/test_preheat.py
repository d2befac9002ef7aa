"""A preheated kernel's wait for its visit (lib/ui/preheat.py), against a stand-in for Voila's
query socket: the visit's query string arrives, or the kernel goes on with no link."""

import asyncio
import json
import os
import threading

import pytest

from bench.common import free_port
from lib.ui.preheat import visit_query_string

KERNEL_ID = "0f1e2d3c"


@pytest.fixture(autouse=True)
def restored_environment():
    """visit_query_string puts the visit's variables into os.environ, as Voila's helper does:
    put back the tests' own afterwards (QUERY_STRING, SERVER_NAME)."""
    saved = dict(os.environ)
    yield
    os.environ.clear()
    os.environ.update(saved)


@pytest.fixture
def voila_query_socket(monkeypatch):
    """A websocket at /voila/query/<kernel id> that sends one visit's request, as Voila does."""
    import websockets.asyncio.server

    port, paths, ready = free_port(), [], threading.Event()
    request = {"QUERY_STRING": "dose=2&body_weight_g=237.5", "SERVER_NAME": "127.0.0.1"}

    async def send_request(connection) -> None:
        paths.append(connection.request.path)
        await connection.send(json.dumps(request))

    async def serve() -> None:
        async with websockets.asyncio.server.serve(send_request, "127.0.0.1", port):
            ready.set()
            await asyncio.sleep(5)

    thread = threading.Thread(target=asyncio.run, args=(serve(),), daemon=True)
    thread.start()
    ready.wait(5)
    for name, value in {"VOILA_PREHEAT": "True", "VOILA_APP_PORT": str(port),
                        "VOILA_KERNEL_ID": KERNEL_ID, "VOILA_SERVER_URL": "/"}.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("QUERY_STRING", raising=False)
    return paths


def test_a_preheated_kernel_takes_the_query_string_its_visit_sends(voila_query_socket):
    assert visit_query_string() == "dose=2&body_weight_g=237.5"
    assert voila_query_socket == [f"/voila/query/{KERNEL_ID}"]


def test_a_kernel_that_is_not_preheated_reads_the_query_string_voila_set(monkeypatch):
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.setenv("QUERY_STRING", "dose=3")
    assert visit_query_string() == "dose=3"


def test_a_preheated_kernel_that_cannot_reach_voila_shows_the_default_plan(monkeypatch):
    for name, value in {"VOILA_PREHEAT": "True", "VOILA_APP_PORT": str(free_port()),
                        "VOILA_KERNEL_ID": KERNEL_ID}.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("QUERY_STRING", raising=False)
    assert visit_query_string() == ""
