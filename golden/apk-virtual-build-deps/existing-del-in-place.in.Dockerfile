FROM alpine
ENV H2O_VER 2.2.5
RUN set -xe \
    && apk add -U build-base \
                  cmake \
                  linux-headers \
                  zlib-dev \
    && curl -sSL https://github.com/h2o/h2o/archive/v${H2O_VER}.tar.gz | tar xz \
        && cd h2o-${H2O_VER} \
        && cmake -DWITH_BUNDLED_SSL=on . \
        && make install \
    && apk del build-base \
               cmake \
               linux-headers \
               zlib-dev \
    && rm -rf /var/cache/apk/*
CMD ["h2o", "-c", "/etc/h2o.conf"]
