FROM debian:bullseye

RUN apt-get update \
    && apt-get install -y libxml2-dev make \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /src
COPY . .
RUN make
RUN ["./bin/selftest", "--quick"]
