package main

import (
	"log"
	"net/http"
	"time"

	flag "github.com/spf13/pflag"
)

var (
	listen      = flag.String("listen", ":8080", "address to serve on")
	healthcheck = flag.Bool("healthcheck", false, "probe the local server and exit")
)

func main() {
	flag.Parse()
	if *healthcheck {
		client := http.Client{Timeout: 2 * time.Second}
		if _, err := client.Get("http://127.0.0.1" + *listen + "/readyz"); err != nil {
			log.Fatalf("not ready: %v", err)
		}
		return
	}
	http.HandleFunc("/readyz", func(w http.ResponseWriter, r *http.Request) {})
	log.Fatal(http.ListenAndServe(*listen, nil))
}
