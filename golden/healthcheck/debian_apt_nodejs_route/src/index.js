const express = require("express");
const app = express();

app.get("/healthz", (req, res) => res.send("ok"));
app.get("/", (req, res) => res.send("hello"));

app.listen(3000, () => console.log("listening on 3000"));
