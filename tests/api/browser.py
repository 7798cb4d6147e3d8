"""What the dashboard's browser tests share: Chromium, signing in, and a server on
loopback with every tab's data."""

from __future__ import annotations

import datetime as dt
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from coalition.api.app import create_app
from coalition.config import Settings
from coalition.deconfliction import history, load_plans
from coalition.domain.monitoring import CaseState
from coalition.monitoring import Setup, advance, analyse_day, ingest_file, open_cases
from coalition.osint import Gazetteer, analyse, extract, queue, review
from coalition.store import make_engine
from tests.api.conftest import PASSWORD, make_api

CHROMIUM = "/usr/bin/chromium"
DAY_PLAN = "day-illustrative.yaml"
SAMPLE_DAY = dt.date(2026, 6, 2)  # the sample stream's last day
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip

needs_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists() or shutil.which("chromium") is None,
    reason="Chromium is not installed (scripts/ensure-chromium)",
)


def sign_in(page: Any, server: str, user: str) -> Any:
    """Open the dashboard, check its CSP header, sign in and wait for the map."""
    reply = page.goto(server + "/")
    assert reply is not None and "script-src 'self'" in reply.headers["content-security-policy"]
    page.fill("#username", user)
    page.fill("#password", PASSWORD)
    page.click("#signin")
    page.wait_for_selector("#map path[data-code=GBR]")
    return reply


def dashboard_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server on loopback over a fresh database: the registry, one user of each role,
    the monitoring sample (with violation cases, one verified), an OSINT candidate in the
    queue and a day of planned activities."""
    url = f"sqlite:///{tmp_path_factory.mktemp('dash') / 'd.sqlite3'}"
    make_api(url)  # the registry and one user of each role
    settings = Settings(db_url=url)
    engine = make_engine(url)
    setup = Setup.load(settings.data_dir / "monitoring")
    classes = set(setup.rules.withdrawal_distance())
    for path in sorted((settings.data_dir / "monitoring" / "sample").glob("*.*")):
        if path.suffix != ".md":
            ingest_file(engine, path, classes)
    gazetteer = Gazetteer(
        settings.data_dir / "registry" / "people.yaml",
        settings.data_dir / "osint" / "gazetteer.yaml",
    )
    article = analyse("Spain ruled out sending ground troops, its prime minister said.",
                      "news.txt", "Spain", dt.date(2026, 2, 3))  # fmt: skip
    records = review.to_records(extract(article, gazetteer), [article])
    queue.enqueue(engine, records, {article.id: article.text})
    history.submit(engine, load_plans([settings.data_dir / "deconfliction" / DAY_PLAN]), "test")
    # Violation cases from the sample's last day, one of them verified.
    opened = open_cases(engine, analyse_day(engine, setup, SAMPLE_DAY), setup.rules, "monitor")
    advance(engine, opened[0], CaseState.VERIFIED, "monitor", "seen again on site")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = uvicorn.Config(
        create_app(settings, engine), host="127.0.0.1", port=port, log_level="warning"
    )
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    for _ in range(100):
        if instance.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)
