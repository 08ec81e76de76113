// Runs one autocannon load in a child process, so the load generator does not share the server's
// event loop (autocannon inside a worker thread skips aggregating its own result). Receives the
// autocannon options over IPC and sends back the result. Plain JavaScript: no loader needed.
import autocannon from 'autocannon';

process.once('message', async (opts) => {
  try {
    const result = await autocannon(opts);
    process.send({ result }, () => process.exit(0));
  } catch (err) {
    process.send({ error: String(err?.stack ?? err) }, () => process.exit(1));
  }
});
