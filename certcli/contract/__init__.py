"""The JSON contract as models: one pydantic model per command's ``--json`` document, from which
``certcli schema COMMAND`` generates its JSON Schema (and the tests validate every command's real
output against it).

The models name the keys a script may rely on (every field here is required: a document without
it breaks the contract) and their types; documents may carry more keys (``extra="allow"``):
adding keys keeps the schema version, renaming or removing one takes a new
:data:`certcli.documents.SCHEMA_VERSION`.

Imported only by ``certcli schema``, the MCP server (its tools' output schemas) and the tests:
building these schemas costs start-up time that no other command pays.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from certcli.contract.base import ErrorDocument
from certcli.contract.ceu import (
    CeuEntryDocument,
    CeuExportDocument,
    CeuHoldsDocument,
    CeuImportDocument,
    CeuListDocument,
    CeuProgressDocument,
    CeuRemoveDocument,
    DataCheckDocument,
)
from certcli.contract.credential import CompareDocument, ListDocument, SearchDocument, ShowDocument
from certcli.contract.money import CostDocument, FeesDocument, MembershipsDocument, RenewDocument
from certcli.contract.plan import AdviseDocument
from certcli.documents import SCHEMA_VERSION

DOCUMENTS: dict[str, type[BaseModel]] = {
    "list": ListDocument,
    "show": ShowDocument,
    "compare": CompareDocument,
    "search": SearchDocument,
    "fees": FeesDocument,
    "memberships": MembershipsDocument,  # fees --memberships
    "cost": CostDocument,
    "renew": RenewDocument,
    "advise": AdviseDocument,
    "ceu add": CeuEntryDocument,
    "ceu edit": CeuEntryDocument,
    "ceu hold": CeuHoldsDocument,
    "ceu unhold": CeuHoldsDocument,
    "ceu list": CeuListDocument,
    "ceu remove": CeuRemoveDocument,
    "ceu progress": CeuProgressDocument,
    "ceu export": CeuExportDocument,
    "ceu import": CeuImportDocument,
    "data check": DataCheckDocument,
    "error": ErrorDocument,
}


assert SCHEMA_VERSION == 1, "the models' Literal[1] follow the schema version"


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema of one document (``DOCUMENTS``' names), with its ``$id``-like title and version."""
    model = DOCUMENTS[name]
    out: dict[str, Any] = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                           **model.model_json_schema(mode="serialization")}
    out["title"] = f"certcli {name} --json" if name != "error" else "certcli error (any command with --json)"
    out["x-schema-version"] = SCHEMA_VERSION
    return out
