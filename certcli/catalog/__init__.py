"""The catalog: find the data, read and validate it, check the files against each other, and
answer look-ups, with the one claim-choice rule.

- :mod:`~certcli.catalog.load`: find the data directory, read YAML, validate, key-path messages;
  :func:`load_catalog` and :func:`check_data`.
- :mod:`~certcli.catalog.checks`: the cross-file checks.
- :mod:`~certcli.catalog.index`: :class:`Catalog`, its look-ups, and :func:`suggest`.
- :mod:`~certcli.catalog.provenance`: which claim is used, disputed, stale, as of when.
- :mod:`~certcli.catalog.cache`: the validated catalog kept between runs.
"""

from certcli.catalog.cache import CACHE_OFF_VAR, cache_dir
from certcli.catalog.index import Catalog, normalize, suggest
from certcli.catalog.load import (
    ENV_VAR,
    check_data,
    default_data_dir,
    load_catalog,
    resolve_data_dir,
    yaml_loader,
)
from certcli.catalog.provenance import STALE_DAYS

__all__ = [
    "CACHE_OFF_VAR",
    "ENV_VAR",
    "STALE_DAYS",
    "Catalog",
    "cache_dir",
    "check_data",
    "default_data_dir",
    "load_catalog",
    "normalize",
    "resolve_data_dir",
    "suggest",
    "yaml_loader",
]
