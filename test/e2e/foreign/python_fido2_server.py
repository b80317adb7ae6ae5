"""A WebAuthn server written the way python-fido2 0.9's example server shows it.

Flask, a Fido2Server, the ceremony state in Flask's session, CBOR request and answer bodies, and
{"status": "OK"} once verified. Runs on Debian's python3-fido2 (0.9.1) and python3-flask, over
https (0.9 refuses plain-http origins). Usernames instead of the example's one fixed user, and a
400 instead of a 500 when a response does not verify. Serves the test page from PAGE_DIR.
"""

import os
import secrets

from fido2 import cbor
from fido2.client import ClientData
from fido2.ctap2 import AttestationObject, AuthenticatorData
from fido2.server import Fido2Server
from fido2.webauthn import PublicKeyCredentialRpEntity
from flask import Flask, abort, request, session

page_dir = os.path.abspath(os.environ.get("PAGE_DIR", "."))
app = Flask(__name__, static_url_path="", static_folder=page_dir)
app.secret_key = secrets.token_bytes(32)

rp = PublicKeyCredentialRpEntity("localhost", "python-fido2 example")
server = Fido2Server(rp)

# username -> {"id": user handle, "credentials": [AttestedCredentialData]}
users = {}


def all_credentials():
    return [credential for user in users.values() for credential in user["credentials"]]


def request_data():
    body = request.get_data()
    return cbor.decode(body) if body else {}


@app.route("/")
def index():
    return app.send_static_file("index.html")


@app.route("/api/register/begin", methods=["POST"])
def register_begin():
    data = request_data()
    username = str(data.get("username", "")).strip()
    if not username:
        abort(400)
    if username in users:
        abort(409)
    user = {"id": secrets.token_bytes(16), "name": username, "displayName": data.get("displayName") or username}
    registration_data, state = server.register_begin(user, [], resident_key=True, user_verification="preferred")
    session["state"] = state
    session["user"] = {"id": user["id"].hex(), "name": username}
    return cbor.encode(registration_data)


@app.route("/api/register/complete", methods=["POST"])
def register_complete():
    data = request_data()
    if "state" not in session:
        abort(400)
    try:
        auth_data = server.register_complete(
            session.pop("state"), ClientData(data["clientDataJSON"]), AttestationObject(data["attestationObject"])
        )
    except (KeyError, ValueError):
        abort(400)
    user = session.pop("user")
    users[user["name"]] = {"id": bytes.fromhex(user["id"]), "credentials": [auth_data.credential_data]}
    return cbor.encode({"status": "OK"})


@app.route("/api/authenticate/begin", methods=["POST"])
def authenticate_begin():
    username = str(request_data().get("username", "")).strip()
    if username and username not in users:
        abort(404)
    credentials = users[username]["credentials"] if username else None
    auth_data, state = server.authenticate_begin(credentials, user_verification="preferred")
    session["state"] = state
    return cbor.encode(auth_data)


@app.route("/api/authenticate/complete", methods=["POST"])
def authenticate_complete():
    data = request_data()
    credentials = all_credentials()
    if not credentials or "state" not in session:
        abort(404)
    try:
        server.authenticate_complete(
            session.pop("state"),
            credentials,
            data["credentialId"],
            ClientData(data["clientDataJSON"]),
            AuthenticatorData(data["authenticatorData"]),
            data["signature"],
        )
    except (KeyError, ValueError):
        abort(400)
    return cbor.encode({"status": "OK"})


if __name__ == "__main__":
    app.run(
        host="localhost",
        port=int(os.environ["PORT"]),
        ssl_context=(os.environ["TLS_CERT"], os.environ["TLS_KEY"]),
        debug=False,
    )
