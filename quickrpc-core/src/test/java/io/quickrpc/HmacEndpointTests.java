package io.quickrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quickrpc.codec.Codec;
import io.quickrpc.codec.Message;
import io.quickrpc.codec.RequestId;
import io.quickrpc.codec.Value;
import io.quickrpc.security.HmacKeys;
import io.quickrpc.security.HmacSecurity;
import io.quickrpc.security.SecurityInfo;
import io.quickrpc.spi.Registry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * An endpoint with {@code hmac} security, fed signed, tampered, replayed, stale, wrongly keyed
 * and unsigned frames over TCP: only the good one reaches the handler; each other gets error
 * -32001 and is counted.
 */
class HmacEndpointTests {

	private static final byte[] ALICE_KEY = "alice's 32-byte key, kept secret".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] SERVER_KEY = "the server's key of 32 bytes....".getBytes(StandardCharsets.US_ASCII);

	private static final HmacKeys KEYS = HmacKeys.of(Map.of("alice", ALICE_KEY, "server", SERVER_KEY));

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@RegisterExtension
	final Endpoints endpoints = new Endpoints();

	private final Codec jrpc = Registry.codecs().create("jrpc");

	private final AtomicInteger handled = new AtomicInteger();

	@Test
	void signedCallsReachTheHandlerWhichSeesTheUser() {
		RpcEndpoint<EchoApi> server = server();
		RpcEndpoint<EchoApi> client = this.endpoints.start(RpcEndpoint.builder(EchoApi.class)
			.inverted(true)
			.transport("tcp:127.0.0.1:" + Endpoints.port(server))
			.security(HmacSecurity.builder().user("alice").keys(KEYS).build()));

		assertThat(client.api().ping("who am I?")).isEqualTo("who am I? (alice)");
		assertThat(this.handled).hasValue(1);
	}

	@Test
	void forgedFramesNeverReachTheHandlerAndAreAnsweredWithSecurityErrors() throws Exception {
		RpcEndpoint<EchoApi> server = server();
		HmacSecurity alice = HmacSecurity.builder().user("alice").keys(KEYS).build();
		byte[] good = frame(1, "genuine", alice);
		String goodText = new String(good, StandardCharsets.UTF_8);
		byte[] tampered = goodText.replace("genuine", "GENUINE").getBytes(StandardCharsets.UTF_8);
		byte[] stale = frame(3, "stale", HmacSecurity.builder().user("alice").keys(KEYS)
			.clock(Clock.fixed(Instant.now().minusSeconds(120), ZoneOffset.UTC)).build());
		byte[] wrongKey = frame(4, "wrong key", HmacSecurity.builder().user("alice")
			.keys(HmacKeys.of(Map.of("alice", "a key that is not alice's at all".getBytes(StandardCharsets.US_ASCII))))
			.build());
		byte[] unsigned = frame(5, "unsigned", Registry.securities().create("null"));

		try (Socket socket = new Socket("127.0.0.1", Endpoints.port(server))) {
			socket.setSoTimeout(10_000);
			assertThat(call(socket, good).get("result").asString()).isEqualTo("genuine (alice)");
			assertRejected(call(socket, tampered), 1, "its signature does not match its content");
			assertRejected(call(socket, good), 1, "its nonce was seen before: a replayed message");
			assertRejected(call(socket, stale), 3, "outside the 30 s window");
			assertRejected(call(socket, wrongKey), 4, "its signature does not match its content");
			assertRejected(call(socket, unsigned), 5, "Rejected an unsigned message");
		}

		assertThat(this.handled).as("calls that reached the handler").hasValue(1);
		assertThat(server.statistics().securityRejected()).isEqualTo(5);
	}

	@Test
	void aSignedBatchIsCheckedOnceAsAWholeAndAReplayedOneIsRejectedWhole() throws Exception {
		RpcEndpoint<EchoApi> server = server();
		HmacSecurity alice = HmacSecurity.builder().user("alice").keys(KEYS).build();
		byte[] batch = this.jrpc.encode(new Message.Batch(List.of(
				new Message.Call("ping", text("one"), RequestId.of("a")),
				new Message.Call("ping", text("two"), RequestId.of("b")))), alice);

		try (Socket socket = new Socket("127.0.0.1", Endpoints.port(server))) {
			socket.setSoTimeout(10_000);
			JsonNode replies = call(socket, batch);
			assertThat(replies.valueStream().map((reply) -> reply.get("id").asString() + "=" + reply.get("result").asString()))
				.containsExactlyInAnyOrder("a=one (alice)", "b=two (alice)");
			JsonNode replayed = call(socket, batch);
			assertThat(replayed.get("id").isNull()).as("%s", replayed).isTrue();
			assertThat(replayed.get("error").get("code").asInt()).isEqualTo(RemoteException.SECURITY_REJECTED);
		}
		assertThat(this.handled).hasValue(2);
	}

	@Test
	void aClientWithAnotherKeyGetsTheRejectionAsARemoteError() {
		RpcEndpoint<EchoApi> server = server();
		RpcEndpoint<EchoApi> impostor = this.endpoints.start(RpcEndpoint.builder(EchoApi.class)
			.inverted(true)
			.transport("tcp:127.0.0.1:" + Endpoints.port(server))
			.security(HmacSecurity.builder().user("alice")
				.keys(HmacKeys.of(Map.of("alice", "not the key the server knows....".getBytes(StandardCharsets.US_ASCII),
						"server", SERVER_KEY)))
				.build()));

		assertThatExceptionOfType(RemoteException.class).isThrownBy(() -> impostor.api().ping("let me in"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(RemoteException.SECURITY_REJECTED))
			.withMessageContaining("its signature does not match its content");
		assertThat(this.handled).hasValue(0);
	}

	private RpcEndpoint<EchoApi> server() {
		RpcEndpoint<EchoApi> server = this.endpoints.start(RpcEndpoint.builder(EchoApi.class)
			.transport("tcpserv:127.0.0.1:0")
			.security(HmacSecurity.builder().user("server").keys(KEYS).build()));
		server.connect(new Object() {

			@IncomingHandler
			String ping(String text, SecurityInfo info) {
				HmacEndpointTests.this.handled.incrementAndGet();
				return text + " (" + info.user() + ")";
			}

		});
		return server;
	}

	private byte[] frame(long id, String text, io.quickrpc.security.Security security) {
		return this.jrpc.encode(new Message.Call("ping", text(text), RequestId.of(id)), security);
	}

	/** The params of ping(text). */
	private static Value text(String text) {
		return (generator) -> {
			generator.writeStartObject();
			generator.writeStringProperty("text", text);
			generator.writeEndObject();
		};
	}

	/** Sends a frame and returns the reply's payload, skipping the server's security header. */
	private static JsonNode call(Socket socket, byte[] frame) throws IOException {
		socket.getOutputStream().write(frame);
		InputStream in = socket.getInputStream();
		while (true) {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			for (int b = in.read(); b != 0; b = in.read()) {
				if (b < 0) {
					throw new IOException("the server closed the connection");
				}
				bytes.write(b);
			}
			JsonNode message = JSON.readTree(bytes.toByteArray());
			if (!"rpc.secinfo".equals(message.path("method").asString(""))) {
				return message;
			}
		}
	}

	private static void assertRejected(JsonNode reply, long id, String message) {
		assertThat(reply.get("id").asLong()).isEqualTo(id);
		assertThat(reply.get("error").get("code").asInt()).isEqualTo(RemoteException.SECURITY_REJECTED);
		assertThat(reply.get("error").get("message").asString()).contains(message);
	}

}
