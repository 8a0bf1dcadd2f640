"""Table definitions and IO: definitions (``resources/tables.json``), strict CSV reading,
the one validation pass, typed loading and writing, and the description of ``data/``."""
