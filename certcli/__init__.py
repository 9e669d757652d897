"""certcli: an offline advisor for US medical billing and coding certifications."""

from typing import Any


def __getattr__(name: str) -> Any:
    # ``__version__`` is looked up only when asked for: importlib.metadata costs ~35 ms of
    # start-up, which every command would otherwise pay.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("certcli")
        except PackageNotFoundError:  # a plain checkout, not installed
            return "0.0.0+checkout"
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
