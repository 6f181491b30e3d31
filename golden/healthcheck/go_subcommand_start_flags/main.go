package main

import (
	"flag"
	"log"
	"net/http"
	"os"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "healthcheck" {
		os.Exit(healthcheck("9090"))
	}
	verbose := flag.Bool("v", false, "log every request")
	flag.Parse()
	http.HandleFunc("/ping", func(w http.ResponseWriter, r *http.Request) {
		if *verbose {
			log.Println(r.URL.Path)
		}
		_, _ = w.Write([]byte("pong"))
	})
	log.Fatal(http.ListenAndServe(":9090", nil))
}
