package main

import (
	"flag"
	"log"
	"net/http"
)

func main() {
	health := flag.Bool("health", false, "also serve /healthz on :8081 for the load balancer")
	flag.Parse()
	if *health {
		go func() {
			mux := http.NewServeMux()
			mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {})
			log.Fatal(http.ListenAndServe(":8081", mux))
		}()
	}
	http.HandleFunc("/feeds", func(w http.ResponseWriter, r *http.Request) {})
	log.Fatal(http.ListenAndServe(":8080", nil))
}
