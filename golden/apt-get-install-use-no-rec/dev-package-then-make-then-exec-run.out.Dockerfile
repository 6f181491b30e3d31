FROM debian:bullseye

RUN apt-get update \
    && apt-get install -y --no-install-recommends libxml2-dev make gcc \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /src
COPY . .
RUN make
RUN ["./bin/selftest", "--quick"]
