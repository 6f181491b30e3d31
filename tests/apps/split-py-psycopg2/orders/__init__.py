"""Orders service: a Flask app whose database driver, psycopg2, is a C extension linked against libpq."""

import os

import psycopg2
import psycopg2.extensions
from flask import Flask, jsonify


def create_app() -> Flask:
    app = Flask(__name__)
    app.config["DATABASE_URL"] = os.environ.get("DATABASE_URL", "postgresql://orders@db/orders")

    @app.get("/")
    def index():
        return jsonify(service="orders", ok=True)

    @app.get("/health")
    def health():
        return jsonify(status="ok")

    @app.get("/driver")
    def driver():
        return jsonify(psycopg2=psycopg2.__version__.split()[0], libpq=psycopg2.extensions.libpq_version())

    return app
