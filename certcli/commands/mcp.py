"""``mcp``: serve certcli's answers to AI assistants over the Model Context Protocol (stdio).

The server and the SDK (the optional extra ``certcli[mcp]``) load only when the command runs.
"""

from typing import Annotated

import typer

from certcli.commands.common import catalog
from certcli.output import emit


def mcp(
    ctx: typer.Context,
    list_tools: Annotated[bool, typer.Option(
        "--list-tools", help="Print the tools an assistant gets (names, descriptions, parameters) and exit.")] = False,
    json_out: Annotated[bool, typer.Option(
        "--json", help="With --list-tools: the tools as one JSON document.")] = False,
) -> None:
    """Serve certcli to an AI assistant: a Model Context Protocol server on stdin/stdout.

    An MCP client (a desktop assistant, an editor) starts 'certcli mcp' and calls its tools:
    search_credentials, show_credential, compare_credentials, list_credentials, fees,
    memberships, cost_of_path, advise and renewal_plan. Each returns the same JSON document as
    the matching command's --json, sources and as-of years included. Needs the MCP SDK:
    pip install "certcli[mcp]".
    """
    from certcli import mcp_server

    if list_tools or json_out:
        found = catalog(ctx)
        tools = mcp_server.Tools(lambda: found)
        listed = mcp_server.tool_list(tools)
        if json_out:
            from certcli.documents import envelope

            emit(envelope(found, {"tools": listed}))
        else:
            from certcli.render.mcp import tools_view

            emit(tools_view(listed))
        return
    mcp_server.serve(lambda: catalog(ctx))
