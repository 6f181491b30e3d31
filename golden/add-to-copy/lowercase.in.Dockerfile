from alpine:3.20
add ./conf /etc/conf
