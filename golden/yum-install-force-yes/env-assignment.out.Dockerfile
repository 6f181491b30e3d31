FROM centos:7
RUN env LANG=C yum install -y httpd && yum clean all
