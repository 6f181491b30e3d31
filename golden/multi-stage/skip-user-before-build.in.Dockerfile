FROM golang:1.22
RUN useradd -m builder
USER builder
WORKDIR /home/builder/src
COPY --chown=builder . .
RUN go build -o /home/builder/app .
CMD ["/home/builder/app"]
