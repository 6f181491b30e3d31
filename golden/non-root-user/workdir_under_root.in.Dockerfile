FROM alpine:3.20
WORKDIR /root/work
COPY script.sh .
CMD ["sh", "script.sh"]
