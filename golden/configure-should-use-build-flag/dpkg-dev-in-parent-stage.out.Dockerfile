FROM debian:bookworm-slim AS base
RUN apt-get update && apt-get install -y --no-install-recommends dpkg-dev gcc libc6-dev make \
    && rm -rf /var/lib/apt/lists/*

FROM base AS build
WORKDIR /usr/src/app
COPY . .
RUN ./configure --build="$(dpkg-architecture --query DEB_BUILD_GNU_TYPE)" --prefix=/opt/app --disable-static && make -j"$(nproc)" && make install
