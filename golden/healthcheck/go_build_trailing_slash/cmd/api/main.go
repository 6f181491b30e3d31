package main

import (
	"flag"
	"log"
	"net/http"
	"os"
)

func main() {
	probe := flag.Bool("healthcheck", false, "check the running API and exit")
	flag.Parse()
	if *probe {
		if _, err := http.Get("http://127.0.0.1:8080/healthz"); err != nil {
			os.Exit(1)
		}
		os.Exit(0)
	}
	http.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {})
	log.Fatal(http.ListenAndServe(":8080", nil))
}
