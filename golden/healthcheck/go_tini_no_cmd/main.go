package main

import (
	"log"
	"net/http"
	"os"
)

func main() {
	if len(os.Args) > 1 {
		switch os.Args[1] {
		case "migrate":
			migrate()
			return
		case "healthcheck":
			resp, err := http.Get("http://127.0.0.1:3000/health")
			if err != nil || resp.StatusCode >= 400 {
				log.Fatal("shortener is unhealthy")
			}
			return
		}
	}
	http.HandleFunc("/health", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("{}")) })
	log.Fatal(http.ListenAndServe(":3000", nil))
}

func migrate() {
	log.Println("schema is current")
}
