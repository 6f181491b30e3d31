FROM alpine
ENV TASKDDATA=/var/taskd
RUN apk add --no-cache taskd
RUN taskd init \
    && taskd config --force log /dev/stdout \
    && taskd config --force pid.file /run/taskd.pid \
    && taskd config --force server 0.0.0.0:53589
VOLUME $TASKDDATA
EXPOSE 53589
CMD ["taskd", "server"]
