FROM debian:bullseye
WORKDIR /usr/src
RUN git clone https://github.com/netdata/netdata.git --depth=1 \
    && cd netdata \
    && ./netdata-installer.sh --dont-wait --dont-start-it
VOLUME /etc/netdata
EXPOSE 19999
CMD ["netdata", "-D"]
