FROM alpine:3.20
RUN apk add --no-cache python3 py3-pip gcc musl-dev python3-dev libffi-dev
RUN python3 -m venv /venv
WORKDIR /opt/httpbin
RUN /venv/bin/pip install --no-cache-dir httpbin==0.10.2 gunicorn==22.0.0
EXPOSE 8080
CMD ["/venv/bin/gunicorn", "-b", "0.0.0.0:8080", "httpbin:app"]
