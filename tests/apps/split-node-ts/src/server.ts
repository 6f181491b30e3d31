import express from 'express';
import { notesRouter } from './routes/notes';

const app = express();
const port = Number(process.env.PORT ?? 3000);

app.use(express.json());
app.get('/health', (_req, res) => res.json({ status: 'ok' }));
app.use('/notes', notesRouter());
app.get('/', (_req, res) => res.json({ service: 'notes-api' }));

app.listen(port, () => console.log(`notes-api listening on ${port}`));
