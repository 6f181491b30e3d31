package main

import "github.com/acme/notifier/cmd"

func main() {
	cmd.Execute()
}
