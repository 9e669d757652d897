"""Pure domain logic over the catalog: no I/O, no printing, deterministic ordering."""
