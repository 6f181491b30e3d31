"""Serve the working directory over HTTP on $PORT (8080), after recording the helper's output there."""

import http.server
import os
import subprocess

PORT = int(os.environ.get("PORT", "8080"))

# The app writes into its working directory at startup (a cache, a pid file, uploads...).
with open("status.txt", "w") as out:
    out.write(subprocess.run(["helper", "app"], capture_output=True, text=True, check=True).stdout)

server = http.server.ThreadingHTTPServer(("0.0.0.0", PORT), http.server.SimpleHTTPRequestHandler)
print(f"serving {os.getcwd()} on port {PORT}", flush=True)
server.serve_forever()
