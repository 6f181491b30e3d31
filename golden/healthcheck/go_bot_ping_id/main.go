package main

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

func main() {
	r := gin.Default()
	// the bot answers pings for one chat at a time; there is no "/" route
	r.GET("/ping/:id", func(c *gin.Context) {
		c.JSON(http.StatusOK, gin.H{"pong": c.Param("id")})
	})
	r.Run(":8080")
}
