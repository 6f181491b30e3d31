FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends sbcl curl ca-certificates && rm -rf /var/lib/apt/lists/*
RUN curl -fsSLO https://beta.quicklisp.org/quicklisp.lisp \
    && sbcl --non-interactive --load quicklisp.lisp --eval '(quicklisp-quickstart:install)'
COPY app.lisp /srv/app.lisp
CMD ["sbcl", "--script", "/srv/app.lisp"]
