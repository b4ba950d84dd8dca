package org.qanode.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * A tiny metrics registry written out in the Prometheus text exposition format 0.0.4: labelled
 * counters, labelled gauges read at scrape time, and one-label-set histograms. Lock-free on the
 * update side (adders), because the C-STORE path updates it per object.
 */
public final class MetricsRegistry {
    private final List<Metric> metrics = new ArrayList<>();

    private interface Metric {
        void write(StringBuilder out);
    }

    public synchronized Counter counter(String name, String help, String... labelNames) {
        Counter c = new Counter(name, help, labelNames);
        metrics.add(c);
        return c;
    }

    public synchronized void gauge(String name, String help, LongSupplier value) {
        metrics.add(out -> {
            header(out, name, help, "gauge");
            out.append(name).append(' ').append(value.getAsLong()).append('\n');
        });
    }

    public synchronized Histogram histogram(String name, String help, double... buckets) {
        Histogram h = new Histogram(name, help, buckets);
        metrics.add(h);
        return h;
    }

    /** The whole registry in the text format, metrics in registration order, series sorted. */
    public synchronized String scrape() {
        StringBuilder out = new StringBuilder(4096);
        for (Metric m : metrics) {
            m.write(out);
        }
        return out.toString();
    }

    private static void header(StringBuilder out, String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /** Label values escaped as the format requires: backslash, double quote, newline. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** A monotonically increasing count per combination of label values. */
    public static final class Counter implements Metric {
        private final String name;
        private final String help;
        private final String[] labelNames;
        private final Map<List<String>, LongAdder> series = new ConcurrentSkipListMap<>(Counter::compareLists);

        private Counter(String name, String help, String[] labelNames) {
            this.name = name;
            this.help = help;
            this.labelNames = labelNames.clone();
        }

        public void inc(String... labelValues) {
            add(1, labelValues);
        }

        public void add(long n, String... labelValues) {
            if (labelValues.length != labelNames.length) {
                throw new IllegalArgumentException(name + " takes labels " + Arrays.toString(labelNames));
            }
            List<String> key = List.of(Arrays.stream(labelValues).map(v -> v == null ? "" : v).toArray(String[]::new));
            series.computeIfAbsent(key, k -> new LongAdder()).add(n);
        }

        public long value(String... labelValues) {
            LongAdder a = series.get(List.of(labelValues));
            return a == null ? 0 : a.sum();
        }

        @Override
        public void write(StringBuilder out) {
            header(out, name, help, "counter");
            if (labelNames.length == 0 && series.isEmpty()) {
                out.append(name).append(" 0\n");
            }
            series.forEach((labels, v) -> {
                out.append(name);
                if (labelNames.length > 0) {
                    out.append('{');
                    for (int i = 0; i < labelNames.length; i++) {
                        if (i > 0) {
                            out.append(',');
                        }
                        out.append(labelNames[i]).append("=\"").append(escape(labels.get(i))).append('"');
                    }
                    out.append('}');
                }
                out.append(' ').append(v.sum()).append('\n');
            });
        }

        private static int compareLists(List<String> a, List<String> b) {
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                int c = a.get(i).compareTo(b.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(a.size(), b.size());
        }
    }

    /** Observations in cumulative buckets (upper bounds inclusive, as Prometheus defines {@code le}). */
    public static final class Histogram implements Metric {
        private final String name;
        private final String help;
        private final double[] bounds;
        private final LongAdder[] counts;
        private final DoubleAdder sum = new DoubleAdder();
        private final AtomicLong count = new AtomicLong();

        private Histogram(String name, String help, double[] bounds) {
            this.name = name;
            this.help = help;
            this.bounds = bounds.clone();
            Arrays.sort(this.bounds);
            this.counts = new LongAdder[this.bounds.length];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = new LongAdder();
            }
        }

        public void observe(double value) {
            for (int i = 0; i < bounds.length; i++) {
                if (value <= bounds[i]) {
                    counts[i].increment();
                    break;
                }
            }
            sum.add(value);
            count.incrementAndGet();
        }

        public long count() {
            return count.get();
        }

        @Override
        public void write(StringBuilder out) {
            header(out, name, help, "histogram");
            long total = count.get();
            long cumulative = 0;
            for (int i = 0; i < bounds.length; i++) {
                cumulative += counts[i].sum();
                out.append(name).append("_bucket{le=\"").append(format(bounds[i])).append("\"} ")
                        .append(Math.min(cumulative, total)).append('\n');
            }
            out.append(name).append("_bucket{le=\"+Inf\"} ").append(total).append('\n');
            out.append(name).append("_sum ").append(sum.sum()).append('\n');
            out.append(name).append("_count ").append(total).append('\n');
        }

        private static String format(double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) + ".0" : String.valueOf(d);
        }
    }
}
