package io.quickrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Type;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quickrpc.convert.Converter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Arguments and results are read straight into their declared types and written straight from
 * them: bytes in the original's form at any depth, the first converter factory that takes a type
 * wins, and a value that does not fit is answered -32602 (or fails its caller at once) without
 * disturbing what comes next.
 */
class BindingTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@RegisterExtension
	final Endpoints endpoints = new Endpoints();

	@RemoteApi("binding")
	interface BindingApi {

		@Incoming
		Object anything(Object value);

		@Incoming
		Packet packet(Packet packet);

		@Incoming
		byte[] bytes(byte[] bytes);

		@Incoming
		Money price(Money amount);

		@Incoming
		CompletableFuture<Integer> count(String text);

	}

	record Packet(String name, byte[] payload, List<byte[]> parts) {
	}

	/** A type Jackson would write as an object; its converter writes it as a string, "12.50 EUR". */
	record Money(long cents, String currency) {
	}

	static final class Handlers {

		@IncomingHandler
		Object anything(Object value) {
			return value;
		}

		@IncomingHandler
		Packet packet(Packet packet) {
			return packet;
		}

		@IncomingHandler
		byte[] bytes(byte[] bytes) {
			return bytes;
		}

		@IncomingHandler
		Money price(Money amount) {
			return new Money(amount.cents() * 2, amount.currency());
		}

		@IncomingHandler
		CompletableFuture<Integer> count(String text) {
			return CompletableFuture.completedFuture(text.length());
		}

	}

	@Test
	void bytesTravelAsTheOriginalWritesThemAtAnyDepth() {
		BindingApi server = client(server());
		Map<String, Object> nested = new LinkedHashMap<>();
		nested.put("data", new byte[] { 0, 1, (byte) 255 });
		nested.put("list", List.of(new byte[] { 7 }, "text"));

		Object echoed = server.anything(nested);

		assertThat(echoed).isInstanceOfSatisfying(Map.class, (map) -> {
			assertThat((byte[]) map.get("data")).containsExactly(0, 1, 255);
			assertThat((List<?>) map.get("list")).satisfiesExactly((first) -> assertThat((byte[]) first).containsExactly(7),
					(second) -> assertThat(second).isEqualTo("text"));
		});
		Packet packet = server.packet(new Packet("p", new byte[] { 1, 2 }, List.of(new byte[] { 3 }, new byte[0])));
		assertThat(packet.payload()).containsExactly(1, 2);
		assertThat(packet.parts()).satisfiesExactly((part) -> assertThat(part).containsExactly(3),
				(part) -> assertThat(part).isEmpty());
	}

	@Test
	void theFirstConverterFactoryThatTakesATypeWinsOverJackson() throws IOException {
		RpcEndpoint<BindingApi> server = this.endpoints.start(RpcEndpoint.builder(BindingApi.class)
			.transport("tcpserv:127.0.0.1:0")
			.converterFactory(new MoneyConverters()));
		server.connect(new Handlers());

		try (FrameSocket client = new FrameSocket(Endpoints.port(server), '\0')) {
			client.send("{\"jsonrpc\": \"2.0\", \"method\": \"price\", \"params\": {\"amount\": \"6.25 EUR\"}, \"id\": 1}");
			assertThat(client.receive()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"12.50 EUR\"}");
			client.send("{\"jsonrpc\": \"2.0\", \"method\": \"price\", \"params\": {\"amount\": 5}, \"id\": 2}");
			JsonNode refused = JSON.readTree(client.receive());
			assertThat(refused.get("error").get("code").asInt()).isEqualTo(RemoteException.INVALID_PARAMS);
			assertThat(refused.get("error").get("message").asString())
				.isEqualTo("parameter 'amount' cannot be read as Money (write money as \"12.50 EUR\") for price(amount)");
		}
	}

	@Test
	void argumentsThatDoNotFitAreAnsweredWithTheirIdAndTheNextCallIsRead() throws IOException {
		RpcEndpoint<BindingApi> server = server();
		List<String> bad = List.of("{\"bytes\": {\"__bytes\": \"***\"}}", "{\"bytes\": {\"__bytes\": 5}}",
				"{\"bytes\": \"AA==\", \"bytes\": \"AA==\"}", "{\"bytes\": \"AA==\", \"extra\": [1, {\"a\": 2}]}", "{}",
				"[\"AA==\"]");
		List<String> reasons = List.of("parameter 'bytes' cannot be read as byte[]", "parameter 'bytes' cannot be read "
				+ "as byte[]", "parameter 'bytes' occurs more than once", "unknown parameter 'extra'",
				"missing parameter 'bytes'", "positional parameters are not accepted");
		try (FrameSocket client = new FrameSocket(Endpoints.port(server), '\0')) {
			for (int i = 0; i < bad.size(); i++) {
				client.send("{\"jsonrpc\": \"2.0\", \"method\": \"bytes\", \"params\": " + bad.get(i) + ", \"id\": " + i + "}");
				JsonNode reply = JSON.readTree(client.receive());
				assertThat(reply.get("id").asInt()).as(bad.get(i)).isEqualTo(i);
				assertThat(reply.get("error").get("code").asInt()).as(bad.get(i)).isEqualTo(RemoteException.INVALID_PARAMS);
				assertThat(reply.get("error").get("message").asString()).as(bad.get(i)).startsWith(reasons.get(i));
			}
			client.send("{\"jsonrpc\": \"2.0\", \"method\": \"bytes\", \"params\": {\"bytes\": {\"__bytes\": \"AAE=\"}}, "
					+ "\"id\": 9}");
			assertThat(client.receive()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{\"__bytes\":\"AAE=\"}}");
		}
	}

	@Test
	void aReplyThatDoesNotFitItsDeclaredTypeFailsTheCallAtOnce() throws Exception {
		try (ServerSocket fake = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			RpcEndpoint<BindingApi> client = this.endpoints.start(RpcEndpoint.builder(BindingApi.class)
				.inverted(true)
				.replyTimeout(Duration.ofMinutes(10))
				.transport("tcp:127.0.0.1:" + fake.getLocalPort()));
			try (Socket peer = fake.accept()) {
				peer.setSoTimeout(10_000);
				CompletableFuture<Integer> wrong = client.api().count("abc");
				CompletableFuture<Integer> right = client.api().count("abcd");
				for (int id = 1; id <= 2; id++) {
					readFrame(peer);
				}
				peer.getOutputStream().write(("{\"jsonrpc\": \"2.0\", \"result\": [\"x\"], \"id\": 1}\0"
						+ "{\"jsonrpc\": \"2.0\", \"result\": 4, \"id\": 2}\0").getBytes(StandardCharsets.UTF_8));

				assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> wrong.get(30, TimeUnit.SECONDS))
					.havingCause()
					.isInstanceOf(RpcException.class)
					.withMessageStartingWith("The reply to BindingApi.count does not fit its declared type: ")
					.withMessageEndingWith("Check that both sides declare the same reply type.");
				assertThat(right.get(30, TimeUnit.SECONDS)).isEqualTo(4);
			}
		}
	}

	private static String readFrame(Socket socket) throws IOException {
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		for (int b = socket.getInputStream().read(); b != 0; b = socket.getInputStream().read()) {
			if (b < 0) {
				throw new IOException("the client closed the connection");
			}
			frame.write(b);
		}
		return frame.toString(StandardCharsets.UTF_8);
	}

	private RpcEndpoint<BindingApi> server() {
		RpcEndpoint<BindingApi> server = this.endpoints.start(RpcEndpoint.builder(BindingApi.class)
			.transport("tcpserv:127.0.0.1:0"));
		server.connect(new Handlers());
		return server;
	}

	private BindingApi client(RpcEndpoint<BindingApi> server) {
		RpcEndpoint<BindingApi> client = this.endpoints.start(RpcEndpoint.builder(BindingApi.class)
			.inverted(true)
			.transport("tcp:127.0.0.1:" + Endpoints.port(server)));
		RpcEndpointTests.awaitPeers(client, 1);
		return client.api();
	}

	/** Converts {@link Money} to and from "12.50 EUR"; other types are Jackson's. */
	static final class MoneyConverters implements Converter.Factory {

		@Override
		public @Nullable Converter<?> converter(Type type) {
			if (type != Money.class) {
				return null;
			}
			return new Converter<Money>() {

				@Override
				public Money read(JsonParser parser) {
					String[] parts = parser.getString() == null ? new String[0] : parser.getString().split(" ");
					if (!parser.currentToken().isScalarValue() || parts.length != 2) {
						throw new IllegalArgumentException("write money as \"12.50 EUR\"");
					}
					return new Money(new java.math.BigDecimal(parts[0]).movePointRight(2).longValueExact(), parts[1]);
				}

				@Override
				public void write(JsonGenerator generator, @Nullable Money value) {
					generator.writeString(java.math.BigDecimal.valueOf(value.cents(), 2).toPlainString() + " "
							+ value.currency());
				}

			};
		}

	}

}
