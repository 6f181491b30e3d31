package cmd

import (
	"fmt"
	"net/http"

	"github.com/spf13/cobra"
)

var port int

var serveCmd = &cobra.Command{
	Use:   "serve",
	Short: "Run the HTTP server",
	RunE: func(cmd *cobra.Command, args []string) error {
		http.HandleFunc("/health", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) })
		return http.ListenAndServe(fmt.Sprintf(":%d", port), nil)
	},
}

func init() {
	serveCmd.Flags().IntVar(&port, "port", 8080, "listen port")
	rootCmd.AddCommand(serveCmd)
}
