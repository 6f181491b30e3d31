import { Router } from 'express';

export interface Note {
  id: number;
  text: string;
}

export function notesRouter(): Router {
  const notes: Note[] = [{ id: 1, text: 'ship it' }];
  const router = Router();
  router.get('/', (_req, res) => res.json(notes));
  router.post('/', (req, res) => {
    const note: Note = { id: notes.length + 1, text: String(req.body?.text ?? '') };
    notes.push(note);
    res.status(201).json(note);
  });
  return router;
}
