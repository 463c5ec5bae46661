/**
 * Prometheus metrics without a dependency: counters, gauges and histograms with labels, kept in a
 * `MetricsRegistry`, plus collectors (functions asked at scrape time, e.g. the database pool), all
 * written in the text exposition format 0.0.4 by `renderMetrics`. Families are plain data, so a
 * cluster primary can gather them from its workers and join them (`joinWorkerFamilies`, which
 * labels each sample with its worker's pid).
 */

export type MetricType = 'counter' | 'gauge' | 'histogram';
export type Labels = Record<string, string>;

export interface Sample {
  /** The family name, or it with `_bucket`, `_sum`, `_count` for histograms. */
  name: string;
  labels: Labels;
  value: number;
}

export interface MetricFamily {
  name: string;
  help: string;
  type: MetricType;
  samples: Sample[];
}

export type Collector = () => MetricFamily[] | Promise<MetricFamily[]>;

export const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Request durations in seconds: 5 ms to 10 s. */
export const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function labelKey(names: readonly string[], labels: Labels): string {
  return names.map((n) => labels[n] ?? '').join('\u0000');
}

function pick(names: readonly string[], labels: Labels): Labels {
  const out: Labels = {};
  for (const n of names) out[n] = labels[n] ?? '';
  return out;
}

abstract class Metric {
  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
  ) {
    if (!NAME.test(name)) throw new Error(`metrics: bad name '${name}'`);
    for (const l of labelNames)
      if (!LABEL.test(l) || l === 'le') throw new Error(`metrics: bad label '${l}'`);
  }
  abstract family(): MetricFamily;
}

export class Counter extends Metric {
  private readonly values = new Map<string, { labels: Labels; value: number }>();

  inc(labels: Labels = {}, by = 1): void {
    const key = labelKey(this.labelNames, labels);
    const entry = this.values.get(key);
    if (entry) entry.value += by;
    else this.values.set(key, { labels: pick(this.labelNames, labels), value: by });
  }

  family(): MetricFamily {
    const samples = [...this.values.values()].map((v) => ({
      name: this.name,
      labels: v.labels,
      value: v.value,
    }));
    return { name: this.name, help: this.help, type: 'counter', samples };
  }
}

export class Gauge extends Metric {
  private readonly values = new Map<string, { labels: Labels; value: number }>();

  set(labels: Labels, value: number): void {
    const key = labelKey(this.labelNames, labels);
    const entry = this.values.get(key);
    if (entry) entry.value = value;
    else this.values.set(key, { labels: pick(this.labelNames, labels), value });
  }

  inc(labels: Labels = {}, by = 1): void {
    const key = labelKey(this.labelNames, labels);
    this.set(labels, (this.values.get(key)?.value ?? 0) + by);
  }

  dec(labels: Labels = {}, by = 1): void {
    this.inc(labels, -by);
  }

  family(): MetricFamily {
    const samples = [...this.values.values()].map((v) => ({
      name: this.name,
      labels: v.labels,
      value: v.value,
    }));
    return { name: this.name, help: this.help, type: 'gauge', samples };
  }
}

export class Histogram extends Metric {
  private readonly values = new Map<
    string,
    { labels: Labels; counts: number[]; sum: number; count: number }
  >();

  constructor(
    name: string,
    help: string,
    labelNames: readonly string[],
    readonly buckets: readonly number[] = DEFAULT_BUCKETS,
  ) {
    super(name, help, labelNames);
  }

  observe(labels: Labels, value: number): void {
    const key = labelKey(this.labelNames, labels);
    let entry = this.values.get(key);
    if (!entry) {
      entry = { labels: pick(this.labelNames, labels), counts: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.values.set(key, entry);
    }
    // Counts per bucket here; made cumulative when written.
    const i = this.buckets.findIndex((b) => value <= b);
    if (i >= 0) entry.counts[i]!++;
    entry.sum += value;
    entry.count++;
  }

  family(): MetricFamily {
    const samples: Sample[] = [];
    for (const v of this.values.values()) {
      let running = 0;
      this.buckets.forEach((bound, i) => {
        running += v.counts[i]!;
        samples.push({
          name: `${this.name}_bucket`,
          labels: { ...v.labels, le: formatNumber(bound) },
          value: running,
        });
      });
      samples.push({ name: `${this.name}_bucket`, labels: { ...v.labels, le: '+Inf' }, value: v.count });
      samples.push({ name: `${this.name}_sum`, labels: v.labels, value: v.sum });
      samples.push({ name: `${this.name}_count`, labels: v.labels, value: v.count });
    }
    return { name: this.name, help: this.help, type: 'histogram', samples };
  }
}

export class MetricsRegistry {
  private readonly metrics: Metric[] = [];
  private readonly collectors: Collector[] = [];

  private add<M extends Metric>(metric: M): M {
    if (this.metrics.some((m) => m.name === metric.name)) throw new Error(`metrics: '${metric.name}' twice`);
    this.metrics.push(metric);
    return metric;
  }

  counter(name: string, help: string, labelNames: readonly string[] = []): Counter {
    return this.add(new Counter(name, help, labelNames));
  }

  gauge(name: string, help: string, labelNames: readonly string[] = []): Gauge {
    return this.add(new Gauge(name, help, labelNames));
  }

  histogram(
    name: string,
    help: string,
    labelNames: readonly string[] = [],
    buckets?: readonly number[],
  ): Histogram {
    return this.add(new Histogram(name, help, labelNames, buckets));
  }

  /** A function asked for its families at every scrape (a failing one is left out). */
  collect(collector: Collector): void {
    this.collectors.push(collector);
  }

  async families(): Promise<MetricFamily[]> {
    const out = this.metrics.map((m) => m.family());
    for (const collector of this.collectors) {
      try {
        out.push(...(await collector()));
      } catch {
        // A collector that cannot answer now (e.g. the database is down) is skipped this time.
      }
    }
    return out;
  }
}

/** A one-sample gauge family (for collectors). */
export function gaugeFamily(name: string, help: string, values: [Labels, number][]): MetricFamily {
  return { name, help, type: 'gauge', samples: values.map(([labels, value]) => ({ name, labels, value })) };
}

export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}

const escapeHelp = (text: string) => text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
const escapeLabel = (text: string) => text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

function sampleLine(sample: Sample): string {
  const labels = Object.entries(sample.labels);
  const text = labels.length ? `{${labels.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}` : '';
  return `${sample.name}${text} ${formatNumber(sample.value)}\n`;
}

/** The text exposition format 0.0.4: `# HELP`, `# TYPE`, then the samples of each family. */
export function renderMetrics(families: MetricFamily[]): string {
  let out = '';
  for (const f of families) {
    out += `# HELP ${f.name} ${escapeHelp(f.help)}\n# TYPE ${f.name} ${f.type}\n`;
    for (const s of f.samples) out += sampleLine(s);
  }
  return out;
}

/**
 * The families of several workers as one list: samples of the same family written together (the
 * format wants a family in one block), each labelled `worker="PID"`. Sum them in queries
 * (`sum by (route) (rate(cabledesk_http_requests_total[5m]))`).
 */
export function joinWorkerFamilies(workers: { pid: number; families: MetricFamily[] }[]): MetricFamily[] {
  const joined = new Map<string, MetricFamily>();
  for (const { pid, families } of workers) {
    for (const f of families) {
      let target = joined.get(f.name);
      if (!target) {
        target = { name: f.name, help: f.help, type: f.type, samples: [] };
        joined.set(f.name, target);
      }
      for (const s of f.samples) target.samples.push({ ...s, labels: { ...s.labels, worker: String(pid) } });
    }
  }
  return [...joined.values()];
}
