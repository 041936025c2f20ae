package io.quickrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ValueTypesTests {

	@RegisterExtension
	final Endpoints endpoints = new Endpoints();

	private ValuesApi server;

	@BeforeEach
	void connect() {
		RpcEndpoint<ValuesApi> serving = this.endpoints.start(ValuesApi.class, false,
				(b) -> b.transport("internal:" + this.endpoints.bus() + ":server"));
		serving.connect(new Echo());
		RpcEndpoint<ValuesApi> client = this.endpoints.start(ValuesApi.class, true);
		RpcEndpointTests.awaitPeers(client, 1);
		this.server = client.api();
	}

	@Test
	void primitivesAndBoxedValuesTravel() {
		assertThat(this.server.primitives(-7, 1L << 40, 1.5, true, 'x')).isEqualTo("-7 1099511627776 1.5 true x");
		assertThat(this.server.boxed(null, Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
	}

	@Test
	void textAndNumbersTravelExactly() {
		String text = "grüße ✓ \"quoted\"\n\t\\ \u0000 end";
		assertThat(this.server.text(text)).isEqualTo(text);
		BigInteger huge = new BigInteger("123456789012345678901234567890123456789");
		assertThat(this.server.bigInteger(huge)).isEqualTo(huge);
		BigDecimal precise = new BigDecimal("3.14159265358979323846264338327950288419");
		assertThat(this.server.bigDecimal(precise)).isEqualTo(precise);
	}

	@Test
	void recordsPojosCollectionsAndEnumsTravel() {
		Line line = new Line(new Point(1, 2), new Point(-3, 4), Color.GREEN);
		assertThat(this.server.line(line)).isEqualTo(line);
		Box box = new Box();
		box.setLabel("crate");
		box.setWeights(List.of(1.5, 2.5));
		assertThat(this.server.box(box)).usingRecursiveComparison().isEqualTo(box);
		Map<String, List<Integer>> map = Map.of("a", List.of(1, 2), "b", List.of());
		assertThat(this.server.map(map)).isEqualTo(map);
		assertThat(this.server.set(Set.of("x", "y"))).isEqualTo(Set.of("x", "y"));
		assertThat(this.server.points(List.of(new Point(1, 1), new Point(2, 2))))
			.as("elements arrive as Points, not maps, and come back the same")
			.containsExactly(new Point(1, 1), new Point(2, 2));
	}

	@Test
	void bytesOptionalsAndNullsTravel() {
		byte[] all = new byte[256];
		for (int i = 0; i < all.length; i++) {
			all[i] = (byte) i;
		}
		assertThat(this.server.bytes(all)).isEqualTo(all);
		assertThat(this.server.bytes(new byte[0])).isEmpty();
		assertThat(this.server.optional(Optional.of("here"))).isEqualTo("here");
		assertThat(this.server.optional(Optional.empty())).isEqualTo("empty");
		assertThat(this.server.text(null)).isNull();
	}

	@Test
	void asyncRepliesCarryTheirDeclaredType() throws Exception {
		CompletableFuture<Line> reply = this.server.lineLater(new Line(new Point(0, 0), new Point(1, 1), Color.RED));
		assertThat(reply.get(5, TimeUnit.SECONDS)).isEqualTo(new Line(new Point(0, 0), new Point(1, 1), Color.RED));
	}

	@Test
	void missingParameterIsInvalidUnlessOptional() {
		RpcEndpoint<ShortApi> shortClient = this.endpoints.start(ShortApi.class, false);
		RpcEndpointTests.awaitPeers(shortClient, 2);

		assertThatExceptionOfType(RemoteException.class).isThrownBy(() -> shortClient.api().line("server"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(RemoteException.INVALID_PARAMS))
			.withMessageContaining("missing parameter 'line' for line(line)");
		assertThat(shortClient.api().optional("server")).isEqualTo("empty");
	}

	enum Color {

		RED, GREEN

	}

	record Point(int x, int y) {
	}

	record Line(Point from, Point to, Color color) {
	}

	public static class Box {

		private String label;

		private List<Double> weights;

		public String getLabel() {
			return this.label;
		}

		public void setLabel(String label) {
			this.label = label;
		}

		public List<Double> getWeights() {
			return this.weights;
		}

		public void setWeights(List<Double> weights) {
			this.weights = weights;
		}

	}

	@RemoteApi("values")
	interface ValuesApi {

		@Incoming
		String primitives(int i, long l, double d, boolean b, char c);

		@Incoming
		Long boxed(Integer missing, Long l);

		@Incoming
		String text(String text);

		@Incoming
		BigInteger bigInteger(BigInteger value);

		@Incoming
		BigDecimal bigDecimal(BigDecimal value);

		@Incoming
		Line line(Line line);

		@Incoming
		CompletableFuture<Line> lineLater(Line line);

		@Incoming
		Box box(Box box);

		@Incoming
		Map<String, List<Integer>> map(Map<String, List<Integer>> map);

		@Incoming
		Set<String> set(Set<String> set);

		@Incoming
		List<Point> points(List<Point> points);

		@Incoming
		byte[] bytes(byte[] bytes);

		@Incoming
		String optional(Optional<String> value);

	}

	/** Sends fewer parameters than ValuesApi declares. */
	@RemoteApi("values")
	interface ShortApi {

		@Outgoing
		Line line(@Peer String server);

		@Outgoing
		String optional(@Peer String server);

	}

	static class Echo {

		@IncomingHandler
		String primitives(int i, long l, double d, boolean b, char c) {
			return i + " " + l + " " + d + " " + b + " " + c;
		}

		@IncomingHandler
		Long boxed(Integer missing, Long l) {
			return (missing == null) ? l : null;
		}

		@IncomingHandler
		String text(String text) {
			return text;
		}

		@IncomingHandler
		BigInteger bigInteger(BigInteger value) {
			return value;
		}

		@IncomingHandler
		BigDecimal bigDecimal(BigDecimal value) {
			return value;
		}

		@IncomingHandler
		Line line(Line line) {
			return line;
		}

		@IncomingHandler
		Line lineLater(Line line) {
			return line;
		}

		@IncomingHandler
		Box box(Box box) {
			return box;
		}

		@IncomingHandler
		Map<String, List<Integer>> map(Map<String, List<Integer>> map) {
			return map;
		}

		@IncomingHandler
		Set<String> set(Set<String> set) {
			return set;
		}

		@IncomingHandler
		List<Point> points(List<Point> points) {
			points.forEach((point) -> assertThat(point).isInstanceOf(Point.class));
			return points;
		}

		@IncomingHandler
		byte[] bytes(byte[] bytes) {
			return bytes;
		}

		@IncomingHandler
		String optional(Optional<String> value) {
			return value.orElse("empty");
		}

	}

}
