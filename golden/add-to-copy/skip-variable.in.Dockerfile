FROM alpine:3.20
ARG JAR_FILE
ADD ${JAR_FILE} app.jar
