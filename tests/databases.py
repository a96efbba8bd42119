"""The test run's database as a DATABASE_URL, for the processes a test starts (gunicorn,
manage.py, serve.sh): they read their database from the environment, as in production."""


def database_url(name: str | None = None) -> str:
    """The test database's DATABASE_URL, or that of the database ``name`` on the same server."""
    from django.db import connection

    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgis://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name or db['NAME']}"
