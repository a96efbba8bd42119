"""/healthz answers 200 when the database and Redis answer, 503 naming the part that is down, and
tells the public nothing of the internals (host, port, error): those go to the log."""

import pytest


@pytest.mark.django_db
def test_healthz_is_ok_with_database_and_redis(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "redis": "ok"}, "down": []}


@pytest.mark.django_db
def test_healthz_names_redis_when_it_is_stopped(client, settings, private_redis, caplog):
    settings.REDIS_URL = private_redis.url
    assert client.get("/healthz").status_code == 200
    private_redis.stop()
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["down"] == ["redis"]
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["redis"] == "down"
    port = private_redis.url.rsplit(":", 1)[1].split("/")[0]
    assert port not in response.content.decode() and "127.0.0.1" not in response.content.decode()
    assert "Redis is down: ConnectionError" in caplog.text and port in caplog.text  # for the city's IT


@pytest.mark.django_db
def test_healthz_names_the_database_when_it_does_not_answer(client, settings, private_redis, caplog):
    from django.db import connection

    settings.REDIS_URL = private_redis.url
    connection.close()
    original = dict(connection.settings_dict)
    connection.settings_dict.update({"PORT": "1", "HOST": "127.0.0.1"})
    try:
        response = client.get("/healthz")
    finally:
        connection.close()
        connection.settings_dict.update(original)
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "checks": {"database": "down", "redis": "ok"},
                               "down": ["database"]}
    assert "health check: the database is down" in caplog.text and "OperationalError" in caplog.text
