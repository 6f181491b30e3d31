FROM python:3.12-slim
RUN python3 -m pip install --no-cache-dir --upgrade pip \
    && /opt/venv/bin/pip install --no-cache-dir -r requirements.txt \
    # editable app
    && pip3.12 -q install --no-cache-dir -e .
