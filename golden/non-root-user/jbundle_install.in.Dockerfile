FROM jruby:9.2-jdk
ENV GEM_HOME=/usr/local/bundle
ENV PATH=$GEM_HOME/bin:$PATH
WORKDIR /app
RUN curl -sSL https://github.com/tabulapdf/tabula/archive/master.tar.gz | tar xz --strip 1
RUN bundle install && jruby -S jbundle install
EXPOSE 9292
CMD ["jruby", "-G", "-r", "jbundler", "-S", "rackup", "-o", "0.0.0.0", "config.ru"]
