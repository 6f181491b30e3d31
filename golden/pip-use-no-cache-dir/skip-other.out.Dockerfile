FROM python:3.12-slim
RUN pip download -d /wheels flask && pip wheel -w /wheels . && uv pip install flask \
    && pip install --no-cache-dir flask && pip install --cache-dir /tmp/pc flask
