package io.quickrpc.benchmarks;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Measures quickrpc against the limit of its own stack, a raw Netty echo with the same framing,
 * and prints a Markdown table. Client and server run in separate processes over TCP on
 * 127.0.0.1, one connection, a 64-character payload:
 * <ul>
 * <li>W1: sequential request/reply, latency p50 and p99 and calls/s;</li>
 * <li>W2: request/reply with up to 128 outstanding, calls/s;</li>
 * <li>W3: one-way messages as fast as the client sends, messages/s received by the server;</li>
 * <li>M1: heap of a quickrpc server holding 1,000 idle connections.</li>
 * </ul>
 * Systems: raw Netty, raw Netty answering on a handler thread (the floor of a server whose
 * handlers may block), quickrpc over tcp with its default handler threads, the same with handlers
 * run on the event loop ({@code handlersOnReceivingThread()}), and quickrpc over
 * {@code internal} in one process. With {@code --nats}, also over a nats-server this command
 * starts: raw jnats request/reply, and quickrpc calling a service group of one member, with
 * one-way messages held to 768 on their way, since NATS does not slow a sender down. Each run measures every system in turn, so the ratios of one run hold on a noisy machine; the
 * table shows the median of the runs.
 */
public final class Benchmarks {

	static final String PAYLOAD = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";

	private static final List<String> SYSTEMS = List.of("raw", "raw-handler-thread", "tcp", "tcp-inline",
			"internal");

	/** Measured with --nats or named in --only: they need a nats-server on the PATH. */
	private static final List<String> NATS_SYSTEMS = List.of("nats-raw", "nats");

	private static final List<String> ALL_SYSTEMS = java.util.stream.Stream.concat(SYSTEMS.stream(),
			NATS_SYSTEMS.stream()).toList();

	private static final List<String> WORKLOADS = List.of("w1", "w2", "w3");

	private Benchmarks() {
	}

	/**
	 * Runs the benchmarks.
	 * @param args options, see {@code --help}
	 * @throws Exception if a system fails
	 */
	public static void main(String[] args) throws Exception {
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(Options.USAGE);
			System.exit(2);
			return;
		}
		if (options.help) {
			System.out.println(Options.USAGE);
			return;
		}
		NatsServerProcess nats = startNats(options);
		List<Results> runs = new ArrayList<>();
		try {
			for (int run = 1; run <= options.runs; run++) {
				System.err.printf("run %d of %d%n", run, options.runs);
				Results results = new Results();
				for (String system : options.systems) {
					measure(system, options, results, nats);
				}
				if (options.memory) {
					results.memory = memory(options.jfr);
				}
				runs.add(results);
			}
		}
		finally {
			if (nats != null) {
				nats.close();
			}
		}
		System.out.println(ResultTable.render(runs, options.describe()));
		System.out.println(yardstick());
		System.exit(0);
	}

	/**
	 * Runs {@link LoopbackCost} in a fresh process and returns what it printed: quickrpc's own
	 * cost per call on this host, printed with every table, since the figures move with the host.
	 */
	private static String yardstick() throws IOException, InterruptedException {
		System.err.println("  LoopbackCost, the host's yardstick");
		String java = ProcessHandle.current().info().command().orElse("java");
		Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				LoopbackCost.class.getName()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
		String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		int exit = process.waitFor();
		return (exit == 0) ? "On this host, " + printed : "LoopbackCost failed with exit code " + exit + ": " + printed;
	}

	/**
	 * Starts a nats-server for the nats systems, or drops them with a line saying why: the other
	 * systems are measured all the same.
	 */
	private static @Nullable NatsServerProcess startNats(Options options) throws IOException {
		if (options.systems.stream().noneMatch(NATS_SYSTEMS::contains)) {
			return null;
		}
		String executable = NatsServerProcess.executable();
		if (executable == null) {
			System.err.println("nats: skipped, nats-server is not on the PATH (install it, e.g. apt-get install "
					+ "nats-server, to measure " + String.join(" and ", NATS_SYSTEMS) + ")");
			options.systems = options.systems.stream().filter((system) -> !NATS_SYSTEMS.contains(system)).toList();
			return null;
		}
		return NatsServerProcess.start(executable);
	}

	private static void measure(String system, Options options, Results results, @Nullable NatsServerProcess nats)
			throws Exception {
		String natsUrl = (nats != null) ? nats.url() : "";
		ServerProcess server = switch (system) {
			case "raw" -> ServerProcess.start("raw", options.jfr);
			case "raw-handler-thread" -> ServerProcess.start("raw-handler-thread", options.jfr);
			case "tcp" -> ServerProcess.start("quickrpc", options.jfr);
			case "tcp-inline" -> ServerProcess.start("quickrpc-inline", options.jfr);
			case "nats-raw" -> ServerProcess.start("nats-raw", options.jfr, natsUrl);
			case "nats" -> ServerProcess.start("quickrpc-nats", options.jfr, natsUrl);
			default -> null;
		};
		try (Target target = switch (system) {
			case "raw" -> new RawNetty.Client(server.port(), PAYLOAD);
			case "raw-handler-thread" -> new RawNetty.Client(server.port(), PAYLOAD, "raw netty, on a handler thread");
			case "tcp" -> QuickrpcTarget.tcp(server.port(), PAYLOAD);
			case "tcp-inline" -> QuickrpcTarget.tcp("quickrpc tcp+jrpc, handlers on the event loop", server.port(),
					PAYLOAD);
			case "nats-raw" -> new RawNats.Client(natsUrl, PAYLOAD);
			case "nats" -> QuickrpcTarget.nats(natsUrl, PAYLOAD);
			default -> QuickrpcTarget.internal(PAYLOAD);
		}) {
			System.err.printf("  %s%n", target.name());
			// W1 first, on a fresh process: after the 13 s of W2, the sequential latency of every
			// system, raw Netty's too, is a fifth to a half higher for the rest of the process's life
			long[] latencies = options.workloads.contains("w1")
					? target.sequential(options.sequentialWarmup, options.sequentialCalls) : null;
			double pipelined = options.workloads.contains("w2") ? target.pipelined(options.warmup, options.duration, 128)
					: Double.NaN;
			double oneWay = options.workloads.contains("w3") ? target.oneWay(options.duration) : Double.NaN;
			results.add(target.name(), Measurement.of(latencies, pipelined, oneWay));
		}
		finally {
			if (server != null) {
				server.close();
			}
		}
	}

	/** M1: the used heap of a quickrpc server with no client, and with 1,000 idle connections. */
	private static long[] memory(@Nullable Path jfr) throws Exception {
		System.err.println("  memory, 1,000 idle connections");
		try (ServerProcess server = ServerProcess.start("quickrpc", jfr);
				QuickrpcTarget client = QuickrpcTarget.tcp(server.port(), PAYLOAD)) {
			long idle = client.api().heapAfterGc().get();
			List<Socket> sockets = new ArrayList<>();
			try {
				for (int i = 0; i < 1000; i++) {
					sockets.add(new Socket("127.0.0.1", server.port()));
				}
				while (client.api().connections().get() < 1001) {
					Thread.sleep(50);
				}
				long loaded = client.api().heapAfterGc().get();
				return new long[] { idle, loaded };
			}
			finally {
				for (Socket socket : sockets) {
					socket.close();
				}
			}
		}
	}

	/** What one system measured in one run. */
	record Measurement(double p50Micros, double p99Micros, double sequentialPerSecond, double pipelinedPerSecond,
			double oneWayPerSecond) {

		static Measurement of(long @Nullable [] latencies, double pipelined, double oneWay) {
			if (latencies == null) {
				return new Measurement(Double.NaN, Double.NaN, Double.NaN, pipelined, oneWay);
			}
			long[] sorted = latencies.clone();
			Arrays.sort(sorted);
			double total = Arrays.stream(sorted).sum() / 1e9;
			return new Measurement(sorted[sorted.length / 2] / 1e3, sorted[(int) (sorted.length * 0.99)] / 1e3,
					sorted.length / total, pipelined, oneWay);
		}

	}

	/** What every system measured in one run. */
	static final class Results {

		final java.util.Map<String, Measurement> bySystem = new java.util.LinkedHashMap<>();

		long @Nullable [] memory;

		void add(String system, Measurement measurement) {
			this.bySystem.put(system, measurement);
		}

	}

	/** The command line. */
	static final class Options {

		static final String USAGE = """
				Usage: java -jar quickrpc-benchmarks/target/quickrpc-benchmarks.jar [options]
				  --quick            a smoke run: short durations, one run, no memory test
				  --runs N           runs of every measurement; the table shows medians (default 3)
				  --only SYSTEMS     comma-separated, of: raw, raw-handler-thread, tcp, tcp-inline, internal,
				                     nats-raw, nats
				                     (default: the first five)
				  --nats             also measure nats-raw (jnats request/reply) and nats (quickrpc on a
				                     service group) on a nats-server this command starts; skipped, with a
				                     line, if nats-server is not on the PATH
				  --workloads W      comma-separated, of: w1, w2, w3 (default all), as when profiling one
				  --no-memory        skip the 1,000 idle connections memory measurement
				  --jfr DIR          record server processes with Java Flight Recorder into DIR
				  --help             this text""";

		int runs = 3;

		List<String> systems = SYSTEMS;

		List<String> workloads = WORKLOADS;

		boolean memory = true;

		boolean help;

		Duration warmup = Duration.ofSeconds(3);

		Duration duration = Duration.ofSeconds(10);

		/**
		 * Enough for the JIT compilers of a fresh server process to fall quiet: after 2,000 calls
		 * its C2 thread still compiles through the measured calls, using about half a core, and
		 * quickrpc's p50 is then two fifths higher than once it is done.
		 */
		int sequentialWarmup = 20_000;

		int sequentialCalls = 20_000;

		@Nullable Path jfr;

		static Options parse(String[] args) throws IOException {
			Options options = new Options();
			for (int i = 0; i < args.length; i++) {
				switch (args[i]) {
					case "--quick" -> {
						options.runs = 1;
						options.memory = false;
						options.warmup = Duration.ofMillis(500);
						options.duration = Duration.ofSeconds(1);
						options.sequentialWarmup = 500;
						options.sequentialCalls = 2_000;
					}
					case "--runs" -> options.runs = positive("--runs", value(args, ++i, "--runs"));
					case "--only" -> options.systems = choices("--only", value(args, ++i, "--only"), ALL_SYSTEMS);
					case "--nats" -> options.systems = java.util.stream.Stream.concat(options.systems.stream(),
							NATS_SYSTEMS.stream()).distinct().toList();
					case "--workloads" -> options.workloads = choices("--workloads",
							value(args, ++i, "--workloads").toLowerCase(java.util.Locale.ROOT), WORKLOADS);
					case "--no-memory" -> options.memory = false;
					case "--jfr" -> {
						options.jfr = Path.of(value(args, ++i, "--jfr"));
						Files.createDirectories(options.jfr);
					}
					case "--help", "-h" -> options.help = true;
					default -> throw new IllegalArgumentException("Unknown option '" + args[i] + "'.");
				}
			}
			return options;
		}

		String describe() {
			return this.runs + " run(s), W1 " + this.sequentialCalls + " calls after " + this.sequentialWarmup
					+ ", W2 and W3 " + this.duration.toMillis() / 1000.0 + " s after " + this.warmup.toMillis() / 1000.0
					+ " s warm-up";
		}

		private static String value(String[] args, int index, String option) {
			if (index >= args.length) {
				throw new IllegalArgumentException("Option " + option + " needs a value.");
			}
			return args[index];
		}

		private static int positive(String option, String text) {
			try {
				int value = Integer.parseInt(text);
				if (value > 0) {
					return value;
				}
			}
			catch (NumberFormatException ex) {
				// reported below
			}
			throw new IllegalArgumentException("Option " + option + " needs a positive number, not '" + text + "'.");
		}

		private static List<String> choices(String option, String text, List<String> known) {
			List<String> chosen = List.of(text.split(","));
			for (String choice : chosen) {
				if (!Set.copyOf(known).contains(choice)) {
					throw new IllegalArgumentException("Unknown value '" + choice + "' in " + option + "; choose from "
							+ String.join(", ", known) + ".");
				}
			}
			return chosen;
		}

	}

}
