package cli

import (
	"fmt"
	"net/http"
	"os"

	"github.com/spf13/cobra"
)

var rootCmd = &cobra.Command{
	Use:   "ledgerctl",
	Short: "Operate a ledger deployment",
}

var healthCmd = &cobra.Command{
	Use:   "healthcheck [url]",
	Short: "Check a ledger API from outside",
	Run: func(cmd *cobra.Command, args []string) {
		resp, err := http.Get(args[0] + "/v1/entries")
		if err != nil || resp.StatusCode != http.StatusOK {
			fmt.Fprintln(os.Stderr, "unhealthy")
			os.Exit(1)
		}
	},
}

func Execute() {
	rootCmd.AddCommand(healthCmd)
	if err := rootCmd.Execute(); err != nil {
		os.Exit(1)
	}
}
