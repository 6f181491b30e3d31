const path = require('path');
const express = require('express');
const { versions } = require('./tools');

const app = express();
const port = Number(process.env.PORT || 3001);

app.get('/api/health', (req, res) => res.json({ status: 'ok' }));
app.get('/api/tools', async (req, res) => {
  try {
    res.json(await versions());
  } catch (err) {
    res.status(500).json({ error: err.message });
  }
});
app.use(express.static(path.join(__dirname, '..', 'frontend', 'dist')));

app.listen(port, () => console.log(`sofathek listening on ${port}`));
