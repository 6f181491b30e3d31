package main

import (
	"flag"
	"log"
	"net/http"
	"os"
)

var healthz bool

func main() {
	flag.BoolVar(&healthz, "healthz", true, "register /healthz")
	flag.Parse()
	if healthz {
		http.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
			if _, err := os.Stat("/data/feeds.db"); err != nil {
				log.Fatal("feeds.db is gone")
			}
		})
	}
	log.Fatal(http.ListenAndServe(":8080", nil))
}
