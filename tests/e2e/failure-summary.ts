// A reporter that ends the browser tests' output with one line per failed
// test (its file, its name and the first line of its error), after vitest's
// own report: whoever reads only the end of a long log still learns every
// failure, not just the last one.
import { relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

export default class FailureSummary implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const lines: string[] = [];
    for (const module of modules) {
      const file = relative(process.cwd(), module.moduleId);
      for (const test of module.children.allTests('failed')) {
        const error = test.result().errors?.[0];
        const message = (error?.message ?? 'failed').split('\n')[0]?.slice(0, 240);
        lines.push(`FAILED ${file} › ${test.fullName}: ${message}`);
      }
      const moduleErrors = module.errors();
      for (const error of moduleErrors) lines.push(`FAILED ${file} (outside a test): ${error.message.split('\n')[0]}`);
    }
    if (lines.length > 0) process.stdout.write(`\nBrowser tests that failed (${lines.length}):\n${lines.join('\n')}\n`);
  }
}
