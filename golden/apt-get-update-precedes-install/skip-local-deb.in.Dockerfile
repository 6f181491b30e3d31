FROM debian:bookworm-slim
COPY app.deb /tmp/
RUN apt-get install -y /tmp/app.deb
