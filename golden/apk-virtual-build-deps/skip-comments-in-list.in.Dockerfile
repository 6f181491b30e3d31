from python:3.12-alpine
run apk add --no-cache \
    # compilers for the wheels below
    gcc \
    musl-dev \
    # runtime
    tzdata \
    && pip install --no-cache-dir uwsgi
cmd ["uwsgi", "--ini", "app.ini"]
