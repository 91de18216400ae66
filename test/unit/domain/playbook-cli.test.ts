import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const repoRoot = resolve(import.meta.dirname, '../../..');
const defaultYaml = readFileSync(resolve(repoRoot, 'config/playbooks/default.yaml'), 'utf8');

function baton(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: repoRoot, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function playbookFile(yaml: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'baton-playbook-')), 'playbook.yaml');
  writeFileSync(file, yaml);
  return file;
}

describe('baton playbook', () => {
  it('show prints the stages, steps and RACI matrix', () => {
    const { code, stdout } = baton('playbook', 'show');
    expect(code).toBe(0);
    expect(stdout).toContain('Playbook default v1');
    expect(stdout).toMatch(/^#\s+stage\s+step\s+AM\s+ARCH\s+ENG\s+DEL\s+PM\s+CSM\s+CSS\s+RM\s+LEAD\s+EXEC\s+exit criteria$/m);
    expect(stdout).toMatch(/^4\s+Land\s+Purchase \(entry\)\s+R\/A\s+I\s+I\s+I\s+I\s+I$/m);
    expect(stdout).toMatch(/^6\s+Onboard\s+Onboard\s+A\s+C\s+I\s+A\s+R\s+R\s+sales-to-cs accepted, success-plan-submitted$/m);
  });

  it('show --json gives the matrix as data, for another file too', () => {
    const file = playbookFile(defaultYaml.replace('version: 1', 'version: 7'));
    const { code, stdout } = baton('playbook', 'show', '--json', '--file', file);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { version: number; steps: Array<{ stepId: string; raci: Record<string, string> }> };
    expect(json.version).toBe(7);
    expect(json.steps).toHaveLength(14);
    expect(json.steps[5]).toMatchObject({ stepId: 'onboard', raci: { AM: 'A', DEL: 'A', CSM: 'R', CSS: 'R' } });
  });

  it('diagram prints a Mermaid state diagram', () => {
    const { code, stdout } = baton('playbook', 'diagram');
    expect(code).toBe(0);
    expect(stdout.startsWith('stateDiagram-v2\n')).toBe(true);
    expect(stdout).toContain('expand_expand --> [*] : expansion booked');
  });

  it('check says ok for a valid playbook', () => {
    const { code, stdout } = baton('playbook', 'check', resolve(repoRoot, 'config/playbooks/default.yaml'));
    expect(code).toBe(0);
    expect(stdout).toBe('ok: playbook default v1: 5 stages, 14 steps, 3 handoffs, 4 escalation rungs\n');
  });

  it('check lists every problem with its location and exits 2 (bad input)', () => {
    const broken = defaultYaml
      .replace('entryStep: purchase', 'entryStep: booking')
      .replace('usage.record: use', 'usage.record: activate')
      .replace('raci: { AM: A, ARCH: R, PM: I, CSM: C, CSS: C, RM: I }', 'raci: { AM: A, QA: R }');
    const file = playbookFile(broken);
    const { code, stdout, stderr } = baton('playbook', 'check', file);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n').filter((l) => l !== '')).toEqual([
      `baton playbook check: ${file} is not a valid playbook:`,
      'stages[0].steps[0].raci.QA: unknown role "QA" (declared roles: AM, ARCH, ENG, DEL, PM, CSM, CSS, RM, LEAD, EXEC)',
      'entryStep: entryStep names step "booking", which is not in any stage',
      'actionSteps["usage.record"]: action "usage.record" names step "activate", which is not in any stage',
    ]);
  });

  it('check reports unreadable YAML and missing files', () => {
    const bad = baton('playbook', 'check', playbookFile('stages: [\n'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/is not a valid playbook:\n.*line/i);
    const missing = baton('playbook', 'check', '/nonexistent/playbook.yaml');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('baton playbook check: /nonexistent/playbook.yaml: cannot read: ENOENT\n');
  });
});
