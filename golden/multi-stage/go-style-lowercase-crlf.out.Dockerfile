from golang:1.22 as builder
workdir /src
copy . .
run CGO_ENABLED=0 go build -o /out/tool ./cmd/tool

from gcr.io/distroless/static-debian12 as runtime
workdir /src
copy --from=builder /out/tool /out/tool
entrypoint ["/out/tool"]