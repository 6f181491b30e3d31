package main

import (
	"flag"
	"log"
	"net/http"
)

var health bool

func main() {
	flag.BoolVar(&health, "health", false, "print the server's health")
	flag.Parse()
	if health {
		resp, err := http.Get("http://127.0.0.1:8000/healthz")
		if err != nil {
			log.Println("down:", err)
			return
		}
		log.Println("status:", resp.Status)
		return
	}
	http.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	log.Fatal(http.ListenAndServe(":8000", nil))
}
