FROM python:3.12-slim
RUN mkdir -p /usr/src/libfoo \
    && tar -xzf /tmp/libfoo.tgz -C /usr/src/libfoo --strip-components=1 \
    && make -C /usr/src/libfoo install \
    && python3 -u /usr/src/libfoo/python/setup.py develop
