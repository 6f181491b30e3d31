package main

import (
	"encoding/json"
	"flag"
	"log"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/acme/inventory/internal/store"
)

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func main() {
	healthcheck := flag.Bool("healthcheck", false, "check the running server's /healthz and exit 0 (healthy) or 1")
	flag.Parse()
	port := envOr("PORT", "8080")
	if *healthcheck {
		// For HEALTHCHECK in an image without curl: exit 1 unless the server answers 200.
		client := http.Client{Timeout: 3 * time.Second}
		resp, err := client.Get("http://127.0.0.1:" + port + "/healthz")
		if err != nil {
			log.Printf("healthcheck: %v", err)
			os.Exit(1)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			log.Printf("healthcheck: status %d", resp.StatusCode)
			os.Exit(1)
		}
		os.Exit(0)
	}

	s := store.New()
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("/items", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, s.List())
	})
	mux.HandleFunc("/items/", func(w http.ResponseWriter, r *http.Request) {
		if item, ok := s.Get(strings.TrimPrefix(r.URL.Path, "/items/")); ok {
			writeJSON(w, http.StatusOK, item)
			return
		}
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "not found"})
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"service": "inventory"})
	})
	addr := ":" + port
	log.Printf("inventory listening on %s", addr)
	log.Fatal(http.ListenAndServe(addr, mux))
}

func envOr(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}
