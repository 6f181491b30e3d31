FROM golang:1.22-bookworm AS build
WORKDIR /go/src/app
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /go/bin/notifier

FROM gcr.io/distroless/static-debian12
COPY --from=build /go/bin/notifier /usr/local/bin/notifier
EXPOSE 8080
USER nonroot:nonroot
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["/usr/local/bin/notifier", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/notifier"]
CMD ["serve"]
