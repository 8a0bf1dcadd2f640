"""Building ``data/`` from ``seeds/`` and ``data/raw/``: seed rows, external transcriptions,
the audit, the one poll-row maker, and the validated, atomic write."""
