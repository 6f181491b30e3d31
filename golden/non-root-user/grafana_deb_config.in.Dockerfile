FROM debian:jessie
ENV GRAFANA_URL=https://grafanarel.s3.amazonaws.com/builds/grafana_4.0.1-1480694114_amd64.deb
RUN apt-get update \
    && apt-get install -y adduser curl libfontconfig \
    && curl -sSL ${GRAFANA_URL} -o grafana.deb \
    && dpkg -i grafana.deb \
    && rm -rf grafana.deb /var/lib/apt/lists/*
ENV GF_PATHS_DATA=/var/lib/grafana
VOLUME /etc/grafana $GF_PATHS_DATA
EXPOSE 3000
CMD grafana-server --homepath=/usr/share/grafana \
                   --config=/etc/grafana/grafana.ini \
                   cfg:default.paths.data="$GF_PATHS_DATA"
