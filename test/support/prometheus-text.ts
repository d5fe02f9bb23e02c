/** One sample of a scrape: `name{label="value",...} value`. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A scrape in the Prometheus text exposition format (0.0.4), parsed: every sample, and the declared type of each metric. */
export class Scrape {
  constructor(
    readonly samples: readonly Sample[],
    /** `# TYPE` lines: metric name → counter, gauge, histogram, summary, untyped. */
    readonly types: ReadonlyMap<string, string>,
  ) {}

  /** The samples named `name` whose labels include `labels`. */
  matching(name: string, labels: Record<string, string> = {}): Sample[] {
    return this.samples.filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value));
  }

  /** The sum of the values of those samples (0 when there are none: a counter that never moved is not shown). */
  sum(name: string, labels: Record<string, string> = {}): number {
    return this.matching(name, labels).reduce((total, sample) => total + sample.value, 0);
  }

  /** The value of the one sample with exactly these labels; undefined when there is none. */
  value(name: string, labels: Record<string, string> = {}): number | undefined {
    const wanted = Object.keys(labels).length;
    const found = this.matching(name, labels).filter((sample) => Object.keys(sample.labels).length === wanted);
    if (found.length > 1) throw new Error(`${found.length} samples of ${name} with labels ${JSON.stringify(labels)}`);
    return found[0]?.value;
  }

  /** Every value label `label` takes among the samples named `name`. */
  labelValues(name: string, label: string): string[] {
    return [...new Set(this.matching(name).flatMap((sample) => (sample.labels[label] === undefined ? [] : [sample.labels[label]])))].sort();
  }
}

/** Parses the text format strictly: a line it cannot read throws, naming it, so a malformed exposition fails the test. */
export function parsePrometheusText(text: string): Scrape {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    if (line.startsWith('#')) {
      const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
      if (type) types.set(type[1], type[2]);
      else if (!line.startsWith('# HELP ')) throw new Error(`unreadable comment line: ${line}`);
      continue;
    }
    samples.push(parseSample(line));
  }
  return new Scrape(samples, types);
}

function parseSample(line: string): Sample {
  const name = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)?.[0];
  if (name === undefined) throw new Error(`unreadable sample line: ${line}`);
  let at = name.length;
  const labels: Record<string, string> = {};
  if (line[at] === '{') {
    at += 1;
    while (line[at] !== '}') {
      const label = /^([a-zA-Z_][a-zA-Z0-9_]*)="/.exec(line.slice(at));
      if (!label) throw new Error(`unreadable labels in: ${line}`);
      at += label[0].length;
      let value = '';
      for (; line[at] !== '"'; at += 1) {
        if (at >= line.length) throw new Error(`unterminated label value in: ${line}`);
        if (line[at] === '\\') {
          at += 1;
          value += line[at] === 'n' ? '\n' : line[at];
        } else value += line[at];
      }
      labels[label[1]] = value;
      at += 1;
      if (line[at] === ',') at += 1;
    }
    at += 1;
  }
  const text = line.slice(at).trim().split(/\s+/)[0] ?? '';
  // Prometheus reads values with Go's ParseFloat: NaN and Inf in any case (prom-client writes "Nan").
  const special: Record<string, number> = { nan: NaN, '+inf': Infinity, inf: Infinity, '-inf': -Infinity };
  const value = text.toLowerCase() in special ? special[text.toLowerCase()] : Number(text);
  if (text === '' || (Number.isNaN(value) && !(text.toLowerCase() in special))) throw new Error(`unreadable value in: ${line}`);
  return { name, labels, value };
}
