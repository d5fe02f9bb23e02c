import { Client } from 'pg';

/** One short-lived connection to `url` for `work` (creating and dropping databases, server settings), always closed. */
export async function withPostgresClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
