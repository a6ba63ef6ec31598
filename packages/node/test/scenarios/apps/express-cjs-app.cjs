// An Express service written as CommonJS: the SDK is preloaded with --import, no code change.
const express = require('express');

const app = express();
app.use(express.json());
app.get('/health', (_req, res) => res.send('ok'));
app.get('/users/:id', (req, res) => {
  const users = { 1: { name: 'Ada' } };
  const user = users[req.params.id];
  res.json({ greeting: `hello ${user.name}` });
});
app.use((err, _req, res, _next) => {
  res.status(500).json({ error: err.message });
});
app.listen(Number(process.env.PORT), '127.0.0.1');
