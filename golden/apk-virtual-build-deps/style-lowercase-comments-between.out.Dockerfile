from python:3.12-alpine
run apk add --no-cache --virtual .build-deps gcc musl-dev linux-headers \
    && apk add --no-cache tzdata \
    # build the wheels
    && pip install --no-cache-dir uwsgi psutil \
    # trim the bytecode
    && find /usr/local -name '*.pyc' -delete \
    && apk del --no-network .build-deps
cmd ["uwsgi", "--ini", "app.ini"]
