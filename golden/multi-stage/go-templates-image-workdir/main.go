package main

import (
	"html/template"
	"net/http"
)

var page = template.Must(template.ParseFiles("templates/index.html"))

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { page.Execute(w, nil) })
	http.ListenAndServe(":8080", nil)
}
