import type { ReactNode } from 'react';
import { prerenderToNodeStream } from 'react-dom/static';

/**
 * Server-renders a tree once every Suspense boundary has resolved: the shell loads its feature panels lazily
 * (React.lazy), and renderToString would only give their (empty) fallbacks. Effects do not run, as in
 * renderToString: rendering never touches the workbook.
 */
export async function renderAll(node: ReactNode): Promise<string> {
  const { prelude } = await prerenderToNodeStream(node);
  const chunks: Buffer[] = [];
  for await (const chunk of prelude) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}
