const express = require("express");

const app = express();
app.use(express.json());

app.get("/health", (req, res) => res.json({ status: "ok" }));
app.get("/items", (req, res) => res.json([]));

app.listen(process.env.PORT || 8080);
