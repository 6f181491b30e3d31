FROM vimagick/ffmpeg
COPY ffserver.conf /etc/ffserver.conf
EXPOSE 8090
ENTRYPOINT ["ffserver", "-f", "/etc/ffserver.conf"]
