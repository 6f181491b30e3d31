# hadolint global ignore=DL3030,DL3033
FROM centos:7
RUN yum install httpd && yum clean all
CMD ["httpd", "-DFOREGROUND"]
