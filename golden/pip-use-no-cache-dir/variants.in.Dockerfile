FROM python:3.12-slim
RUN python3 -m pip install --upgrade pip \
    && /opt/venv/bin/pip install -r requirements.txt \
    # editable app
    && pip3.12 -q install -e .
