"""The base of the API's own request bodies: a field the API does not know is refused.

Pydantic ignores unknown fields by default, so a client that sent ``"date"`` where the
API reads ``"published"`` got a 201 and an article with no date (whose candidates then
skipped the contradiction check). With ``extra="forbid"`` the same request is a 422
whose detail names the field: ``loc: ["body", "date"]``, ``msg: "Extra inputs are not
permitted"``. Bodies typed by other packages (the registry's file schema, the force
sourcing domain) already forbid extra fields; tests/api/test_strict_bodies.py checks
that every body the OpenAPI schema describes does.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class RequestBody(BaseModel):
    """A JSON request body that refuses unknown fields (422 naming each of them)."""

    model_config = ConfigDict(extra="forbid")
