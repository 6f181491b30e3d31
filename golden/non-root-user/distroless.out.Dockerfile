FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /server .

FROM gcr.io/distroless/static-debian12
WORKDIR /app
COPY --from=build --chown=65532:65532 /server /app/server
COPY --chown=65532:65532 config.yaml ./
EXPOSE 8080
USER 65532:65532
ENTRYPOINT ["/app/server"]
