FROM alpine:3.20
RUN apk --no-cache add freeradius freeradius-sqlite
ENTRYPOINT [ "radiusd" ]
CMD [ "-xx","-f" ]
