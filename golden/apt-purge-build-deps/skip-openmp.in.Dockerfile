FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y gcc && gcc -fopenmp -o /usr/local/bin/p /p.c
