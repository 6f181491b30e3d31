'use strict';

const express = require('express');

const PORT = Number(process.env.PORT || 3000);
const app = express();

app.get('/', (req, res) => {
  res.json({ ok: true, uid: process.getuid(), node: process.version });
});

app.listen(PORT, '0.0.0.0', () => {
  console.log(`status-api listening on ${PORT}`);
});
