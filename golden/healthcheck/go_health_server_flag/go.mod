module github.com/acme/feeds

go 1.22
