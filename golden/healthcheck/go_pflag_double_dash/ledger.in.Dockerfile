FROM golang:1.22-alpine AS build
WORKDIR /app
COPY go.mod go.sum ./
RUN go mod download
COPY *.go ./
RUN CGO_ENABLED=0 go build -o ledger .

FROM gcr.io/distroless/static-debian12
WORKDIR /app
COPY --from=build /app/ledger .
EXPOSE 8080
CMD ["./ledger", "--listen=:8080"]
