# syntax=docker/dockerfile:1
FROM golang:1.22
# release tag, set by CI
ARG VERSION=1.4.2
ARG BUILD_DATE
ARG APP_FLAGS=--log-level=info
LABEL org.opencontainers.image.version=$VERSION
ENV GO111MODULE on
ENV GOFLAGS=-mod=mod
# shown on /version
ENV APP_VERSION=${VERSION} TZ=UTC
ENV APP_FLAGS=${APP_FLAGS}
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/server ./cmd/server
EXPOSE 8080
CMD ["/out/server"]
