package main

import (
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"time"
)

func main() {
	addr := flag.String("addr", ":8080", "listen address")
	healthcheck := flag.Bool("healthcheck", false, "request /healthz of the running server and exit")
	flag.Parse()

	if *healthcheck {
		c := http.Client{Timeout: 2 * time.Second}
		resp, err := c.Get("http://127.0.0.1" + *addr + "/healthz")
		if err != nil || resp.StatusCode != http.StatusOK {
			fmt.Fprintln(os.Stderr, `{"level":"error","msg":"healthcheck failed"}`, err)
			os.Exit(1)
		}
		return
	}

	http.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) })
	http.HandleFunc("/orders", listOrders)
	log.Fatal(http.ListenAndServe(*addr, nil))
}

func listOrders(w http.ResponseWriter, _ *http.Request) {
	fmt.Fprintln(w, "[]")
}
