// Stands for a dependency: it lives outside the fixtures' app root, so its frames are not in-app.
export function querySync(sql) {
  const code = '42P01';
  throw Object.assign(new Error(`relation missing in: ${sql}`), { code });
}
