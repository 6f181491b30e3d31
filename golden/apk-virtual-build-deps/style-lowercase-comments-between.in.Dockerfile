from python:3.12-alpine
run apk add --no-cache gcc musl-dev linux-headers tzdata \
    # build the wheels
    && pip install --no-cache-dir uwsgi psutil \
    # trim the bytecode
    && find /usr/local -name '*.pyc' -delete
cmd ["uwsgi", "--ini", "app.ini"]
