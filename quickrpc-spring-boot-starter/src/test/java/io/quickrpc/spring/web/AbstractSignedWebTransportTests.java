package io.quickrpc.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quickrpc.RpcEndpoint;
import io.quickrpc.security.HmacKeys;
import io.quickrpc.security.HmacSecurity;

/**
 * An API served with {@code web:/rpc/chat} and {@code hmac} security, called by a {@code ws:}
 * client endpoint: each signed message travels as two WebSocket messages, its security header
 * and then its payload, which the other side pairs again, both ways. Each web stack runs it.
 */
abstract class AbstractSignedWebTransportTests extends AbstractWebAppTests {

	private static final byte[] ALICE_KEY = "alice's 32-byte key, kept secret".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] SERVER_KEY = "the server's key of 32 bytes....".getBytes(StandardCharsets.US_ASCII);

	@Override
	String[] properties() {
		return new String[] { "quickrpc.apis.chat.security=hmac", "quickrpc.apis.chat.hmac.user=server",
				"quickrpc.apis.chat.hmac.keys.server=" + Base64.getEncoder().encodeToString(SERVER_KEY),
				"quickrpc.apis.chat.hmac.keys.alice=" + Base64.getEncoder().encodeToString(ALICE_KEY) };
	}

	@Test
	void signedMessagesArePairedWithTheirHeadersBothWays() throws Exception {
		try (RpcEndpoint<ChatApi> client = RpcEndpoint.builder(ChatApi.class)
			.inverted(true)
			.transport("ws://127.0.0.1:" + this.app.uri("ws").getPort() + "/rpc/chat")
			.security(HmacSecurity.builder()
				.user("alice")
				.keys(HmacKeys.of(Map.of("alice", ALICE_KEY, "server", SERVER_KEY)))
				.build())
			.build()) {
			client.connect("ask", (call) -> "fine, thanks");
			client.start();
			RpcEndpoint<?> server = this.app.context.getBean(RpcEndpoint.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> server.peers().size() == 1);

			assertThat(client.api().ping("signed")).isEqualTo("signed");
			assertThat(this.app.handler().securityInfo.poll(10, TimeUnit.SECONDS)).containsEntry("user", "alice");

			String peer = server.peers().iterator().next();
			assertThat(this.app.context.getBean(ChatApi.class).ask(peer, "how are you?").get(10, TimeUnit.SECONDS))
				.isEqualTo("fine, thanks");
			assertThat(server.statistics().securityRejected()).isZero();
			assertThat(client.statistics().securityRejected()).isZero();
		}
	}

}
