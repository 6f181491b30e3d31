FROM golang:1.22
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
WORKDIR /src
COPY . .
RUN go build -o /out/app . | tee build.log
CMD ["/out/app"]
