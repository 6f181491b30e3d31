# syntax=docker/dockerfile:1
FROM golang:1.22 AS build
# release tag, set by CI
ARG VERSION=1.4.2
ARG BUILD_DATE
ARG APP_FLAGS=--log-level=info
ENV GO111MODULE on
ENV GOFLAGS=-mod=mod
# shown on /version
ENV APP_VERSION=${VERSION} TZ=UTC
ENV APP_FLAGS=${APP_FLAGS}
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/server ./cmd/server

FROM gcr.io/distroless/static-debian12 AS runtime
ARG VERSION=1.4.2
ARG APP_FLAGS=--log-level=info
ENV APP_VERSION=${VERSION} TZ=UTC
ENV APP_FLAGS=${APP_FLAGS}
WORKDIR /src
COPY --from=build /out/server /out/server
LABEL org.opencontainers.image.version=$VERSION
EXPOSE 8080
CMD ["/out/server"]
