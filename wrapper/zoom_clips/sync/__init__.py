"""An incremental, resumable clip inventory in SQLite or PostgreSQL (the ``sync`` extra)."""
