"""What PostgreSQL's cumulative statistics say of a table, read past the transaction's cached snapshot."""

from django.db import connection


def analyze_count(table: str) -> int:
    """How many times ``table`` was analysed by an ANALYZE command (autovacuum's runs are counted apart)."""
    with connection.cursor() as cursor:
        # Within a transaction the first read is cached (stats_fetch_consistency = cache); a test
        # compares two reads in one transaction.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute("SELECT pg_stat_get_analyze_count(%s::regclass)", [table])
        return cursor.fetchone()[0]
