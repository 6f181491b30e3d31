FROM debian:bookworm-slim
RUN curl -fso/usr/local/bin/dumb-init https://github.com/Yelp/dumb-init/releases/download/v1.2.5/dumb-init_1.2.5_x86_64; chmod +x /usr/local/bin/dumb-init
