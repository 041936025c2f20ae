package io.quickrpc.benchmarks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Renders the runs as a Markdown table: the median of each figure over the runs, and each
 * quickrpc figure's ratio to raw Netty, computed within each run and then taken as the median.
 */
final class ResultTable {

	private static final String RAW = "raw netty";

	private ResultTable() {
	}

	static String render(List<Benchmarks.Results> runs, String description) {
		Set<String> systems = new LinkedHashSet<>();
		runs.forEach((run) -> systems.addAll(run.bySystem.keySet()));
		boolean ratios = systems.contains(RAW);
		StringBuilder out = new StringBuilder();
		out.append("quickrpc benchmarks, ").append(LocalDate.now()).append(", Java ")
			.append(Runtime.version()).append(", ").append(Runtime.getRuntime().availableProcessors())
			.append(" cores, ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
			.append('\n').append(description).append("; medians of the runs\n\n");
		out.append("| workload |");
		for (String system : systems) {
			out.append(' ').append(system).append(" |");
			if (ratios && !system.equals(RAW)) {
				out.append(" vs raw |");
			}
		}
		out.append("\n|---|");
		for (String system : systems) {
			out.append("---:|");
			if (ratios && !system.equals(RAW)) {
				out.append("---:|");
			}
		}
		out.append('\n');
		row(out, runs, systems, ratios, "W1 sequential p50 (µs)", Benchmarks.Measurement::p50Micros, true);
		row(out, runs, systems, ratios, "W1 sequential p99 (µs)", Benchmarks.Measurement::p99Micros, true);
		row(out, runs, systems, ratios, "W1 sequential calls/s", Benchmarks.Measurement::sequentialPerSecond, false);
		row(out, runs, systems, ratios, "W2 128 outstanding, calls/s", Benchmarks.Measurement::pipelinedPerSecond,
				false);
		row(out, runs, systems, ratios, "W3 one-way, messages/s received", Benchmarks.Measurement::oneWayPerSecond,
				false);
		double[] idle = runs.stream().filter((run) -> run.memory != null).mapToDouble((run) -> run.memory[0]).toArray();
		double[] loaded = runs.stream().filter((run) -> run.memory != null).mapToDouble((run) -> run.memory[1]).toArray();
		if (idle.length > 0) {
			double perConnection = (median(loaded) - median(idle)) / 1000;
			out.append(String.format("%nM1: heap of a quickrpc tcpserv server after GC: %.1f MB with one client, "
					+ "%.1f MB with 1,000 more idle connections (%.1f KB each)%n", median(idle) / 1e6,
					median(loaded) / 1e6, perConnection / 1e3));
		}
		return out.toString();
	}

	private static void row(StringBuilder out, List<Benchmarks.Results> runs, Set<String> systems, boolean ratios,
			String label, ToDoubleFunction<Benchmarks.Measurement> figure, boolean lowerIsBetter) {
		boolean anyMeasured = runs.stream()
			.flatMap((run) -> run.bySystem.values().stream())
			.anyMatch((measurement) -> !Double.isNaN(figure.applyAsDouble(measurement)));
		if (!anyMeasured) {
			return; // a workload left out with --workloads
		}
		out.append("| ").append(label).append(" |");
		for (String system : systems) {
			List<Double> values = new ArrayList<>();
			List<Double> relative = new ArrayList<>();
			for (Benchmarks.Results run : runs) {
				Benchmarks.Measurement measured = run.bySystem.get(system);
				Benchmarks.Measurement raw = run.bySystem.get(RAW);
				if (measured != null) {
					values.add(figure.applyAsDouble(measured));
					if (raw != null) {
						relative.add(figure.applyAsDouble(measured) / figure.applyAsDouble(raw));
					}
				}
			}
			out.append(' ').append(format(median(values))).append(" |");
			if (ratios && !system.equals(RAW)) {
				double ratio = median(relative);
				out.append(' ').append(lowerIsBetter ? String.format("%.2f×", ratio) : String.format("%.1f %%", 100 * ratio))
					.append(" |");
			}
		}
		out.append('\n');
	}

	private static String format(double value) {
		return (value >= 1000) ? String.format("%,.0f", value) : String.format("%.1f", value);
	}

	private static double median(List<Double> values) {
		return median(values.stream().mapToDouble(Double::doubleValue).toArray());
	}

	private static double median(double[] values) {
		if (values.length == 0) {
			return Double.NaN;
		}
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

}
