module gitlab.com/acme/relay

go 1.21
