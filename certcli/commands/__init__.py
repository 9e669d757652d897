"""The commands, one module per group: each parses its arguments, asks the engine, and hands
the result to render. ``certcli.cli`` registers them and holds the one error boundary."""
