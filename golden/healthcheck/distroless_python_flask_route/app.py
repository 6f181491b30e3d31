from flask import Flask
from waitress import serve

app = Flask(__name__)


@app.route("/health")
def health():
    return {"status": "up"}


@app.route("/convert", methods=["POST"])
def convert():
    return {"ok": True}


if __name__ == "__main__":
    serve(app, host="0.0.0.0", port=5000)
