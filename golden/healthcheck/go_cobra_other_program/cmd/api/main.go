package main

import (
	"log"
	"net/http"
)

func main() {
	http.HandleFunc("/v1/entries", func(w http.ResponseWriter, r *http.Request) {})
	log.Fatal(http.ListenAndServe(":8080", nil))
}
