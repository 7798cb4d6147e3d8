"""The FastAPI application: routers, error mapping, body-size limit, closed CORS."""

from __future__ import annotations

import json
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from sqlalchemy import Engine
from starlette.types import ASGIApp, Receive, Scope, Send

from coalition import signing
from coalition.api.deps import Snapshots
from coalition.api.registration import include_all
from coalition.api.tabs import STATIC
from coalition.config import Settings
from coalition.errors import (
    CoalitionError,
    ForbiddenError,
    HistoryConflictError,
    NotFoundError,
    StoreBusyError,
)
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
                    raise _TooLarge(413, f"body larger than {self.limit} bytes")
            return message

        try:
            await self.app(scope, counted, send)
        except _TooLarge:
            await _too_large(self.limit)(scope, receive, send)


class _TooLarge(HTTPException):
    """An HTTP error, so that FastAPI's body parsing passes it on as 413 instead of
    wrapping it as a 400 "error parsing the body" (a streamed, chunked body)."""


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
        if isinstance(exc, StoreBusyError):  # the server's state, not the client's fault
            return JSONResponse({"detail": str(exc)}, status_code=503, headers={"Retry-After": "2"})
        code = (
            404
            if isinstance(exc, NotFoundError)
            else 403
            if isinstance(exc, ForbiddenError)
            else 409
            if isinstance(exc, HistoryConflictError)
            else 400
        )
        return JSONResponse({"detail": str(exc)}, status_code=code)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        """FastAPI's 422, written as ASCII JSON: a lone surrogate echoed from the input
        cannot be encoded as UTF-8 and would turn the refusal into a 500."""
        body = json.dumps({"detail": jsonable_encoder(exc.errors())}, ensure_ascii=True)
        return Response(body, status_code=422, media_type="application/json")

    @app.get("/api/keys", tags=["meta"])
    def keys() -> list[dict[str, str]]:
        """The public keys (PEM) that verify signed reports, oldest first (no sign-in
        needed: anyone may check a report)."""
        return [
            {"key_id": k.key_id, "created": k.created, "pem": k.pem}
            for k in signing.public_keys(conf.keys_dir)
        ]

    @app.get("/api/health", tags=["meta"])
    def health() -> dict[str, str]:
        """Liveness: the process answers (no sign-in needed)."""
        return {"status": "ok"}

    include_all(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    if conf.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=conf.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(BodyLimit, limit=MAX_BODY)
    return app
