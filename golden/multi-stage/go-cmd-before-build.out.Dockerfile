FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

FROM gcr.io/distroless/static-debian12 AS runtime
WORKDIR /src
COPY --from=build /out/app /out/app
EXPOSE 8080
CMD ["/out/app"]
