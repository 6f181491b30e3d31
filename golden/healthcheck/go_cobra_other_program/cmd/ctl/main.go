package main

import "github.com/acme/ledger/internal/cli"

func main() {
	cli.Execute()
}
