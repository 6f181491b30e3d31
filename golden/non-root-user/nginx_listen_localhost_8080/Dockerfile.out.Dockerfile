FROM nginx:1.25
COPY default.conf /etc/nginx/conf.d/
COPY static /usr/share/nginx/html
RUN sed -i 's,^pid .*,pid /tmp/nginx.pid;,' /etc/nginx/nginx.conf \
    && chown -R nginx:nginx /var/cache/nginx
USER 101:101
CMD ["nginx", "-g", "daemon off;"]
