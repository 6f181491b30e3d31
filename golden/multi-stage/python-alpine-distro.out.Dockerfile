FROM alpine:3.20 AS build
RUN apk add --no-cache python3 py3-pip gcc musl-dev python3-dev libffi-dev
RUN python3 -m venv /venv
WORKDIR /opt/httpbin
RUN /venv/bin/pip install --no-cache-dir httpbin==0.10.2 gunicorn==22.0.0

FROM alpine:3.20 AS runtime
RUN apk add --no-cache libffi python3
WORKDIR /opt/httpbin
COPY --from=build /venv /venv
EXPOSE 8080
CMD ["/venv/bin/gunicorn", "-b", "0.0.0.0:8080", "httpbin:app"]
