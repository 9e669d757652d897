"""certcli: an offline advisor for US medical billing and coding certifications."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("certcli")
except PackageNotFoundError:  # a plain checkout, not installed
    __version__ = "0.0.0+checkout"
