import { parseProjectorArguments, UsageError, type ProjectorCommand } from './projector-arguments';

const PROJECTIONS = ['timeline', 'status', 'graph'];

const parse = (...argv: string[]): ProjectorCommand => parseProjectorArguments(argv, PROJECTIONS);

function usageErrorOf(...argv: string[]): UsageError {
  try {
    parse(...argv);
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(argv)} to be rejected`);
}

describe('parseProjectorArguments', () => {
  it('runs the projections live: all of them, or those named, in the order they are applied', () => {
    expect(parse('run')).toEqual({ kind: 'run', projections: ['timeline', 'status', 'graph'] });
    expect(parse('run', 'graph', 'timeline')).toEqual({ kind: 'run', projections: ['timeline', 'graph'] });
  });

  it('rebuilds one projection by name', () => {
    expect(parse('rebuild', 'status')).toEqual({ kind: 'rebuild', projections: ['status'] });
  });

  it('rebuilds all projections, in the order they are applied', () => {
    expect(parse('rebuild', 'all')).toEqual({ kind: 'rebuild', projections: ['timeline', 'status', 'graph'] });
  });

  it('shows the status as a table, or as JSON with --json', () => {
    expect(parse('status')).toEqual({ kind: 'status', json: false });
    expect(parse('status', '--json')).toEqual({ kind: 'status', json: true });
  });

  it('shows the general help with --help, -h or help', () => {
    for (const argv of [['--help'], ['-h'], ['help']]) {
      const command = parse(...argv);
      expect(command.kind).toBe('help');
      expect(command.kind === 'help' && command.text).toMatch(/^Usage: npm run projections -- <command>/);
    }
  });

  it("shows each command's own help", () => {
    expect(parse('run', '--help')).toEqual({ kind: 'help', text: expect.stringContaining('Usage: npm run projections -- run') });
    expect(parse('status', '-h')).toEqual({ kind: 'help', text: expect.stringContaining('--json') });
    expect(parse('rebuild', '--help')).toEqual({ kind: 'help', text: expect.stringContaining('Projections: timeline, status, graph') });
  });

  it('shows help even when the rest of the line is wrong', () => {
    expect(parse('rebuild', 'nonsense', '--help').kind).toBe('help');
  });

  it('requires a command', () => {
    expect(usageErrorOf().message).toBe('a command is required: run, rebuild or status');
  });

  it('rejects an unknown command, naming it', () => {
    expect(usageErrorOf('replay').message).toBe("unknown command 'replay': expected run, rebuild or status");
    expect(usageErrorOf('--json').message).toBe("unknown option '--json' before the command");
  });

  it('rejects an unknown projection, naming it and the choices', () => {
    expect(usageErrorOf('rebuild', 'timelines').message).toBe("unknown projection 'timelines': expected timeline, status, graph or all");
    expect(usageErrorOf('run', 'status', 'graphs').message).toBe("unknown projection 'graphs': run takes none (all of them) or some of timeline, status, graph");
  });

  it('requires exactly one projection to rebuild', () => {
    expect(usageErrorOf('rebuild').message).toMatch(/^rebuild needs the projection to rebuild: timeline, status, graph or all/);
    expect(usageErrorOf('rebuild', 'timeline', 'status').message).toMatch(/^rebuild takes one projection, got 'timeline' 'status'/);
  });

  it('rejects options a command does not have, and stray arguments, naming them', () => {
    expect(usageErrorOf('run', '--json').message).toContain("'--json'");
    expect(usageErrorOf('status', 'timeline').message).toContain("'timeline'");
    expect(usageErrorOf('run', 'now').message).toContain("'now'");
  });

  it('gives usage errors a stable code', () => {
    expect(usageErrorOf().code).toBe('INVALID_ARGUMENTS');
  });
});
