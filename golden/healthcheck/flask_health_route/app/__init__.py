from flask import Flask, jsonify


def create_app():
    app = Flask(__name__)

    @app.get("/api/items")
    def items():
        return jsonify([])

    @app.route("/healthz")
    def healthz():
        return "ok"

    return app
