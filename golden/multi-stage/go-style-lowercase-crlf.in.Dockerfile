from golang:1.22 as builder
workdir /src
copy . .
run CGO_ENABLED=0 go build -o /out/tool ./cmd/tool
entrypoint ["/out/tool"]