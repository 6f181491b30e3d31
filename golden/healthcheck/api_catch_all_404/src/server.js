const express = require('express');

const app = express();
app.use(express.json());

app.get('/orders', async (req, res) => {
  res.json(await listOrders());
});

app.post('/orders', async (req, res) => {
  res.status(201).json(await createOrder(req.body));
});

// everything else is a JSON 404, "/" included
app.use((req, res) => {
  res.status(404).json({ error: 'not found' });
});

app.listen(4000);
