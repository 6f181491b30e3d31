module github.com/example/inventory-api/v2

go 1.22
