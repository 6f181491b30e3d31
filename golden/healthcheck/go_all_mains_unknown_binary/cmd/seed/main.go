package main

import (
	"flag"
	"log"
)

func main() {
	dsn := flag.String("dsn", "", "database to fill with demo data")
	flag.Parse()
	log.Printf("seeding %s", *dsn)
}
