from alpine:3.20
copy ./conf /etc/conf
