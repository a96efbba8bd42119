"""Residents identify themselves: the Finnish personal identity code's check character, the development
provider (only when switched on, a safe ?next=, nothing but a keyed hash kept), sign-out, and OpenID
Connect end to end against an OpenID provider served by the test itself (RS256 ID token from its JWKS,
PKCE, the user info endpoint): the identifier claim becomes the same voter key a paper ballot gets."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import SESSION_KEY
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import override_settings
from django.utils import translation

from planning.identity import identity_hash
from planning.models import ResidentIdentity
from planning.personal_code import personal_identity_code_clean
from tests.factories.budgets import budget_areas


@pytest.mark.parametrize("code", ["131052-308T", "131052-308t", "010594Y9021", "020304A900S", " 150575-915K "])
def test_real_shaped_codes_pass(code):
    assert personal_identity_code_clean(code) == "".join(code.split()).upper()


@pytest.mark.parametrize("code, reason", [
    ("131052-308A", "last character does not match"),
    ("131052308T", "in the form DDMMYY-NNNC"),
    ("310252-308T", "real date"),
    ("131052-001T", "individual number"),
    ("", "in the form"),
])
def test_wrong_codes_are_refused_with_the_reason(code, reason):
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            personal_identity_code_clean(code)
        assert reason in refused.value.messages[0]


@pytest.fixture
def dev_on(settings):
    settings.IDENTITY_DEV_PROVIDER = True


def test_the_development_provider_signs_in_keeping_only_the_hash(client, city, dev_on):
    east = budget_areas()["SJK-ITA"]
    page = client.get("/tunnistaudu/?next=/asukasbudjetti/1/aanesta/")
    assert b'href="/tunnistaudu/kehitys/?next=%2Fasukasbudjetti%2F1%2Faanesta%2F"' in page.content
    form = client.get("/tunnistaudu/kehitys/")
    assert form.status_code == 200 and b"testing-only" in form.content
    answer = client.post("/tunnistaudu/kehitys/?next=/asukasbudjetti/1/aanesta/",
                         {"personal_code": "131052-308t", "home_area": "SJK-ITA"})
    assert answer.status_code == 302 and answer["Location"] == "/asukasbudjetti/1/aanesta/"
    resident = ResidentIdentity.objects.get()
    assert resident.identity_hash == identity_hash("131052-308T") and resident.home_area == east
    assert resident.provider == "dev"
    assert str(resident.user.pk) == client.session[SESSION_KEY]
    with connection.cursor() as cursor:  # the code is in no table of residents or users
        cursor.execute("SELECT count(*) FROM planning_residentidentity r JOIN auth_user u ON u.id = r.user_id "
                       "WHERE r::text ILIKE %s OR u::text ILIKE %s", ["%131052%", "%131052%"])
        assert cursor.fetchone()[0] == 0
    # Signed in: the chooser says so; signing out is a POST.
    assert b'id="signed-in"' in client.get("/tunnistaudu/").content
    assert client.get("/tunnistaudu/uloskirjautuminen/").status_code == 405
    out = client.post("/tunnistaudu/uloskirjautuminen/", {"next": "https://evil.example/"})
    assert out["Location"] == "/" and SESSION_KEY not in client.session


def test_a_wrong_code_or_an_unsafe_next_is_not_followed(client, city, dev_on):
    with translation.override("en"):
        answer = client.post("/en/tunnistaudu/kehitys/", {"personal_code": "131052-308A"})
    assert answer.status_code == 400 and b"does not match the rest" in answer.content
    assert b'aria-invalid="true"' in answer.content
    assert not ResidentIdentity.objects.exists()
    answer = client.post("/tunnistaudu/kehitys/?next=https://evil.example/", {"personal_code": "131052-308T"})
    assert answer["Location"] == "/tunnistaudu/"
    answer = client.post("/tunnistaudu/kehitys/?next=//evil.example/", {"personal_code": "131052-308T"})
    assert answer["Location"] == "/tunnistaudu/"


def test_the_development_provider_is_404_when_off(client, city, settings):
    settings.IDENTITY_DEV_PROVIDER = False
    assert client.get("/tunnistaudu/kehitys/").status_code == 404
    assert client.post("/tunnistaudu/kehitys/", {"personal_code": "131052-308T"}).status_code == 404
    page = client.get("/tunnistaudu/")
    assert b"sign-in-dev" not in page.content and b'id="no-providers"' in page.content
    assert client.get("/oidc/authenticate/").status_code == 404  # no client id: OpenID Connect is off


# An OpenID provider of the test's own --------------------------------------------------------------

class OpenIDProvider:
    """Token, user info and JWKS endpoints over real HTTP on localhost; authorising is a method."""

    def __init__(self, *, claims: dict, client_id: str, client_secret: str):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = "test-key"
        self.claims, self.client_id, self.client_secret = claims, client_id, client_secret
        self.codes: dict[str, dict] = {}
        self.tokens: dict[str, dict] = {}
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):  # noqa: N802 - http.server's name
                if self.path == "/jwks":
                    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(provider.key.public_key()))
                    return self._json(200, {"keys": [{**jwk, "kid": provider.kid, "alg": "RS256", "use": "sig"}]})
                if self.path == "/userinfo":
                    token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                    if token not in provider.tokens:
                        return self._json(401, {"error": "invalid_token"})
                    return self._json(200, provider.tokens[token])
                return self._json(404, {})

            def do_POST(self):  # noqa: N802
                form = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
                field = {name: values[0] for name, values in form.items()}
                grant = provider.codes.pop(field.get("code", ""), None)
                challenge = base64.urlsafe_b64encode(hashlib.sha256(field.get("code_verifier", "").encode())
                                                     .digest()).rstrip(b"=").decode()
                if (grant is None or field.get("client_id") != provider.client_id
                        or field.get("client_secret") != provider.client_secret
                        or grant["code_challenge"] != challenge or grant["redirect_uri"] != field.get("redirect_uri")):
                    return self._json(400, {"error": "invalid_grant"})
                access = secrets.token_urlsafe(16)
                provider.tokens[access] = dict(provider.claims)
                now = int(time.time())
                id_token = jwt.encode({"iss": provider.url, "aud": provider.client_id, "sub": provider.claims["sub"],
                                       "nonce": grant["nonce"], "iat": now, "exp": now + 300},
                                      provider.key, algorithm="RS256", headers={"kid": provider.kid})
                return self._json(200, {"access_token": access, "token_type": "Bearer", "id_token": id_token,
                                        "expires_in": 300})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def authorize(self, authorization_url: str) -> str:
        """What the provider does when the person has identified themselves: a code for the callback."""
        query = {name: values[0] for name, values in parse_qs(urlsplit(authorization_url).query).items()}
        assert query["client_id"] == self.client_id and query["response_type"] == "code"
        assert query["code_challenge_method"] == "S256"
        code = secrets.token_urlsafe(16)
        self.codes[code] = {"nonce": query["nonce"], "code_challenge": query["code_challenge"],
                            "redirect_uri": query["redirect_uri"]}
        return f"{query['redirect_uri']}?code={code}&state={query['state']}"


@pytest.fixture
def provider(settings):
    claims = {"sub": "broker-subject-123", "national_id_num": "131052-308T", "email": "asukas@example.fi",
              "given_name": "Maija"}
    op = OpenIDProvider(claims=claims, client_id="osallistu", client_secret="test-secret")
    with override_settings(
        OIDC_RP_CLIENT_ID="osallistu", OIDC_RP_CLIENT_SECRET="test-secret",
        OIDC_OP_AUTHORIZATION_ENDPOINT=op.url + "/authorize", OIDC_OP_TOKEN_ENDPOINT=op.url + "/token",
        OIDC_OP_USER_ENDPOINT=op.url + "/userinfo", OIDC_OP_JWKS_ENDPOINT=op.url + "/jwks",
        OIDC_RP_SIGN_ALGO="RS256", OIDC_RP_SCOPES="openid", OIDC_IDENTIFIER_CLAIM="national_id_num",
        OIDC_DISPLAY_NAME="Suomi.fi-tunnistus",
        AUTHENTICATION_BACKENDS=[*settings.AUTHENTICATION_BACKENDS, "planning.identity_oidc.ResidentOIDCBackend"],
    ):
        yield op
    op.server.shutdown()


def _sign_in_through(client, provider, next_path="/asukasbudjetti/1/aanesta/"):
    start = client.get(f"/oidc/authenticate/?next={next_path}")
    assert start.status_code == 302 and start["Location"].startswith(provider.url + "/authorize?")
    callback = provider.authorize(start["Location"])
    return client.get(callback[callback.index("/oidc/"):])


def test_openid_connect_signs_a_resident_in_by_the_identifier_claim_and_keeps_nothing_else(client, db, provider):
    page = client.get("/tunnistaudu/?next=/asukasbudjetti/1/aanesta/")
    assert b"Suomi.fi-tunnistus" in page.content
    assert b'href="/oidc/authenticate/?next=%2Fasukasbudjetti%2F1%2Faanesta%2F"' in page.content
    answer = _sign_in_through(client, provider)
    assert answer.status_code == 302 and answer["Location"] == "/asukasbudjetti/1/aanesta/"
    resident = ResidentIdentity.objects.get()
    # The personal identity code's claim gives the key a paper ballot of the same person gets.
    assert resident.identity_hash == identity_hash("131052-308T") and resident.provider == "oidc"
    assert resident.user.email == "" and resident.user.first_name == ""
    assert str(resident.user.pk) == client.session[SESSION_KEY]
    assert not any(key.startswith("oidc_") and "token" in key and "expiration" not in key for key in client.session.keys())
    # Signed in again later: the same resident.
    client.logout()
    _sign_in_through(client, provider)
    assert ResidentIdentity.objects.count() == 1 and str(resident.user.pk) == client.session[SESSION_KEY]


def test_without_the_identifier_claim_nobody_is_signed_in(client, db, provider):
    del provider.claims["national_id_num"]
    answer = _sign_in_through(client, provider)
    assert answer.status_code == 302 and answer["Location"] == "/tunnistaudu/?virhe=oidc"
    assert SESSION_KEY not in client.session and not ResidentIdentity.objects.exists()
    assert b'id="sign-in-failed"' in client.get(answer["Location"]).content


def test_a_forged_callback_signs_nobody_in(client, db, provider):
    client.get("/oidc/authenticate/")
    answer = client.get("/oidc/callback/?code=made-up&state=made-up")
    assert answer.status_code in (302, 400)
    assert SESSION_KEY not in client.session and not ResidentIdentity.objects.exists()
