package main

import (
	"log"
	"net/http"
	"time"
)

func main() {
	go func() { log.Fatal(http.ListenAndServe(":9100", http.DefaultServeMux)) }()
	for {
		log.Println("processing invoices")
		time.Sleep(time.Minute)
	}
}
