"""A WSGI status endpoint that links libpq through psycopg2 (a compiled dependency), served by gunicorn."""

import json
import os

import psycopg2
import psycopg2.extensions


def app(environ, start_response):
    body = json.dumps({
        "ok": True,
        "uid": os.getuid(),
        "libpq": psycopg2.extensions.libpq_version(),
        "psycopg2": psycopg2.__version__.split()[0],
    }).encode()
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]
