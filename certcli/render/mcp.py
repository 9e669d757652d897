"""``certcli mcp --list-tools``: the tools an assistant gets, as text."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.padding import Padding
from rich.text import Text


def tools_view(tools: list[dict[str, Any]]) -> Group:
    """Each tool: its name and parameters (``?``: optional), then its description, indented."""
    parts: list[Any] = []
    for tool in tools:
        names = ", ".join(p["name"] + ("" if p["required"] else "?") for p in tool["parameters"])
        parts.append(Text.assemble((tool["name"], "bold"), f"({names})"))
        parts.append(Padding(Text(tool["description"]), (0, 0, 1, 2), expand=False))
    return Group(*parts)
