import fs from 'fs';
import os from 'os';
import path from 'path';
import ts from 'typescript';

/**
 * "No function over ~80 lines without a reason stated in a comment" (the house rule): every function, method or
 * arrow function in src whose body spans more than 80 lines has a comment right above it that says why it is long.
 */

const SRC = path.resolve(__dirname, '../../src');
const LIMIT = 80;

interface Long {
  readonly where: string;
  readonly lines: number;
  readonly explained: boolean;
}

function longFunctions(file: string): Long[] {
  const text = fs.readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: Long[] = [];
  const visit = (node: ts.Node): void => {
    const body =
      ts.isFunctionDeclaration(node) ||
      ts.isMethodDeclaration(node) ||
      ts.isArrowFunction(node) ||
      ts.isFunctionExpression(node)
        ? node.body
        : undefined;
    if (body) {
      const first = sf.getLineAndCharacterOfPosition(body.getStart(sf)).line;
      const last = sf.getLineAndCharacterOfPosition(body.getEnd()).line;
      if (last - first + 1 > LIMIT) {
        // The comment above the statement that holds the function (a declaration, or `const x = () => …`).
        let holder: ts.Node = node;
        while (holder.parent && !ts.isSourceFile(holder.parent) && !ts.isBlock(holder.parent)) holder = holder.parent;
        const comments = ts.getLeadingCommentRanges(text, holder.getFullStart()) ?? [];
        const comment = comments.map((c) => text.slice(c.pos, c.end)).join('\n');
        found.push({
          where: `${path.relative(SRC, file)}:${first + 1}`,
          lines: last - first + 1,
          explained: /\blong because\b/i.test(comment),
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const f = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(f) : /\.tsx?$/.test(e.name) ? [f] : [];
  });
}

it('every function over 80 lines in src says why in a comment ("Long because …")', () => {
  const unexplained = sourceFiles(SRC)
    .flatMap(longFunctions)
    .filter((f) => !f.explained)
    .map((f) => `${f.where} (${f.lines} lines)`);
  expect(unexplained).toEqual([]);
});

it('the check sees a long function, and its reason', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-length-'));
  const body = Array.from({ length: 90 }, (_, i) => `  const x${i} = ${i};`).join('\n');
  fs.writeFileSync(path.join(dir, 'a.ts'), `export function a() {\n${body}\n}\n`);
  fs.writeFileSync(
    path.join(dir, 'b.ts'),
    `/** Long because it is a test. */\nexport const b = () => {\n${body}\n};\n`,
  );
  try {
    expect(longFunctions(path.join(dir, 'a.ts')).map((f) => f.explained)).toEqual([false]);
    expect(longFunctions(path.join(dir, 'b.ts')).map((f) => f.explained)).toEqual([true]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
