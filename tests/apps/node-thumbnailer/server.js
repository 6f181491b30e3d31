const { execFile } = require('child_process');
const express = require('express');

const app = express();
const port = process.env.PORT || 3000;

// GraphicsMagick does the image work; the app only shells out to it.
function gm(args) {
  return new Promise((resolve, reject) => {
    execFile('gm', args, { encoding: 'buffer', maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(stderr.toString() || err.message));
      else resolve(stdout);
    });
  });
}

app.get('/health', (req, res) => res.json({ status: 'ok' }));

app.get('/version', async (req, res) => {
  try {
    res.type('text/plain').send((await gm(['version'])).toString().split('\n')[0]);
  } catch (err) {
    res.status(500).json({ error: err.message });
  }
});

app.get('/thumbnail', async (req, res) => {
  const size = Math.min(Math.max(parseInt(req.query.size, 10) || 64, 8), 512);
  try {
    const png = await gm(['convert', '-size', `${size}x${size}`, 'pattern:checkerboard', 'png:-']);
    res.type('image/png').send(png);
  } catch (err) {
    res.status(500).json({ error: err.message });
  }
});

app.get('/', (req, res) => res.json({ service: 'thumbnailer', endpoints: ['/thumbnail?size=64', '/version'] }));

app.listen(port, () => console.log(`thumbnailer listening on ${port}`));
