FROM debian:bookworm
RUN apt-get update && apt-get install -y build-essential libssl-dev
COPY . /src
RUN cd /src && ./configure --prefix=/usr/local && make && make install
CMD ["/usr/local/bin/myd"]
