# syntax=docker/dockerfile:1
FROM centos:7
RUN --mount=type=cache,target=/var/cache/yum yum install -y httpd
