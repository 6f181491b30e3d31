FROM debian:bookworm-slim

RUN curl --silent --show-error --location --output /usr/local/bin/tini https://github.com/krallin/tini/releases/download/v0.19.0/tini; chmod +x /usr/local/bin/tini
RUN curl --silent --location --output=/tmp/helm.tgz https://get.helm.sh/helm-v3.14.0-linux-amd64.tar.gz; tar -xzf /tmp/helm.tgz -C /tmp
RUN cd /tmp; curl -sSLO https://dl.k8s.io/release/v1.29.0/bin/linux/amd64/kubectl; install kubectl /usr/local/bin/
RUN cd /tmp; curl --remote-name --location https://github.com/cli/cli/releases/download/v2.44.1/gh_2.44.1_linux_amd64.deb; dpkg -i gh_2.44.1_linux_amd64.deb
RUN cd /tmp; curl -s -O https://example.com/a.txt -O https://example.com/b.txt; ls
RUN curl -sS https://get.example.com/tool.sh -o /tmp/tool.sh; sh /tmp/tool.sh
RUN curl -s -o - https://ifconfig.me; echo
RUN cd /tmp; curl --remote-name-all --location https://dl.example.com/a.tar.gz https://dl.example.com/a.tar.gz.sha256; sha256sum -c a.tar.gz.sha256
