"""The FastAPI application: routers, error mapping, body-size limit, closed CORS."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from sqlalchemy import Engine
from starlette.types import ASGIApp, Receive, Scope, Send

from coalition.api.deps import Snapshots
from coalition.api.routers import admin, auth, dashboard, forcegen, monitoring, osint, registry
from coalition.config import Settings
from coalition.errors import CoalitionError, HistoryConflictError, NotFoundError
from coalition.store import make_engine, upgrade

MAX_BODY = 2_000_000  # bytes: larger bodies get 413 before they are read


class BodyLimit:
    """Refuse oversized bodies (declared or streamed) with 413, never a 500."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await _too_large(self.limit)(scope, receive, send)
            return
        seen = 0

        async def counted() -> Any:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except _TooLarge:
            await _too_large(self.limit)(scope, receive, send)


class _TooLarge(Exception):
    pass


def _too_large(limit: int) -> JSONResponse:
    return JSONResponse({"detail": f"body larger than {limit} bytes"}, status_code=413)


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    conf = settings or Settings()
    eng = engine or make_engine(conf.db_url)
    upgrade(eng)
    # Swagger UI and ReDoc from files shipped in a package, not from a CDN: /docs works
    # with no network, like the dashboard.
    app = FastAPIOffline(
        title="coalition",
        version="0.1.0",
        description="Pledge registry, force sourcing and ceasefire monitoring of a coalition "
        "of states. Sign in at POST /api/auth/token; send the token as a Bearer header.",
    )
    app.state.settings, app.state.engine = conf, eng
    app.state.snapshots = Snapshots(conf.snapshot_ttl)

    @app.exception_handler(CoalitionError)
    async def user_error(request: Request, exc: CoalitionError) -> JSONResponse:
        code = (
            404
            if isinstance(exc, NotFoundError)
            else 409
            if isinstance(exc, HistoryConflictError)
            else 400
        )
        return JSONResponse({"detail": str(exc)}, status_code=code)

    @app.get("/api/health", tags=["meta"])
    def health() -> dict[str, str]:
        """Liveness: the process answers (no sign-in needed)."""
        return {"status": "ok"}

    routers = (auth, registry, monitoring, forcegen, osint, admin, dashboard)
    for module in routers:
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=dashboard.STATIC), name="static")
    if conf.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=conf.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(BodyLimit, limit=MAX_BODY)
    return app
