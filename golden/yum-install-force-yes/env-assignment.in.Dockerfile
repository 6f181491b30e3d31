FROM centos:7
RUN env LANG=C yum install httpd && yum clean all
