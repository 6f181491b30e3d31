FROM mysql:8.0
RUN apt-get update && apt-get install vim
COPY my.cnf /etc/mysql/conf.d/
