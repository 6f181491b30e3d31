FROM centos:7
RUN yum install -y httpd && yum -q --assumeyes install git && yum -qy localinstall /tmp/x.rpm
