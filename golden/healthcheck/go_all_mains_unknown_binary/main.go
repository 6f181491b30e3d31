package main

import (
	"flag"
	"log"
	"net/http"
	"os"
)

func main() {
	health := flag.Bool("healthcheck", false, "check the running server and exit")
	flag.Parse()
	if *health {
		resp, err := http.Get("http://127.0.0.1:8080/healthz")
		if err != nil || resp.StatusCode != http.StatusOK {
			os.Exit(1)
		}
		return
	}
	http.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {})
	log.Fatal(http.ListenAndServe(":8080", nil))
}
