FROM python:2-alpine
RUN apk add --no-cache build-base jpeg-dev zlib-dev
RUN pip install pillow==2.8.0 rainbowstream
ENTRYPOINT ["rainbowstream"]
