package io.quickrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quickrpc.security.SecurityInfo;
import io.quickrpc.transport.TransportException;
import io.quickrpc.transport.network.NetworkOptions;
import io.quickrpc.transport.network.TlsOptions.ClientAuthentication;
import io.quickrpc.transport.network.TlsOptions;

/**
 * TLS on {@code tcp} and {@code tcpserv}, with the certificates of {@code tls/generate.sh}: a
 * test authority that signs the server ({@code 127.0.0.1}) and the client ({@code CN=alice}), and
 * a rogue authority with a server of its own.
 */
class TlsEndpointTests {

	@RegisterExtension
	final Endpoints endpoints = new Endpoints();

	private final IdentityHandler handler = new IdentityHandler();

	@Test
	void callSucceedsWhenTheClientTrustsTheServerCertificate() {
		RpcEndpoint<EchoApi> server = server(TlsOptions.builder().certificate(file("server.pem"), file("server.key")));

		RpcEndpoint<EchoApi> client = client(server, TlsOptions.builder().trustCertificates(file("ca.pem")));

		assertThat(client.api().ping("encrypted")).isEqualTo("encrypted");
		assertThat(this.handler.identities).containsExactly("none");
		assertThat(client.transport().peerIdentity(client.peers().iterator().next()))
			.isEqualTo("CN=quickrpc test server");
	}

	@Test
	void certificatesAndTrustComeFromKeyStoresToo() {
		char[] password = "changeit".toCharArray();
		RpcEndpoint<EchoApi> server = server(TlsOptions.builder().keyStore(file("server.p12"), password));

		RpcEndpoint<EchoApi> client = client(server, TlsOptions.builder().trustStore(file("ca.p12"), password));

		assertThat(client.api().ping("from a key store")).isEqualTo("from a key store");
	}

	@Test
	void clientRefusesAServerCertificateItDoesNotTrust() {
		RpcEndpoint<EchoApi> server = server(
				TlsOptions.builder().certificate(file("rogue-server.pem"), file("rogue-server.key")));

		assertThatExceptionOfType(TransportException.class)
			.isThrownBy(() -> client(server, TlsOptions.builder().trustCertificates(file("ca.pem"))))
			.withMessageContaining("TLS handshake with 127.0.0.1:" + port(server) + " failed")
			.withMessageContaining("check that this client trusts the server's certificate");
		assertThat(server.peers()).isEmpty();
		assertThat(this.handler.identities).isEmpty();
	}

	@Test
	void serverRequiringClientCertificatesHandsTheVerifiedIdentityToHandlers() {
		RpcEndpoint<EchoApi> server = server(TlsOptions.builder().certificate(file("server.pem"), file("server.key"))
			.trustCertificates(file("ca.pem"))
			.clientAuthentication(ClientAuthentication.REQUIRED));

		RpcEndpoint<EchoApi> client = client(server, TlsOptions.builder().trustCertificates(file("ca.pem"))
			.certificate(file("client.pem"), file("client.key")));

		assertThat(client.api().ping("it is me")).isEqualTo("it is me");
		assertThat(this.handler.identities).containsExactly("CN=alice");
	}

	@Test
	void serverRequiringClientCertificatesRefusesAClientWithout() {
		RpcEndpoint<EchoApi> server = server(TlsOptions.builder().certificate(file("server.pem"), file("server.key"))
			.trustCertificates(file("ca.pem"))
			.clientAuthentication(ClientAuthentication.REQUIRED));

		// with TLS 1.3 the client learns of the refusal after its own handshake is done: then its
		// first call fails instead of its start
		assertThatThrownBy(() -> client(server, TlsOptions.builder().trustCertificates(file("ca.pem"))).api()
			.ping("anonymous")).isInstanceOfAny(TransportException.class, RpcException.class);
		assertThat(this.handler.identities).isEmpty();
		await().until(() -> server.peers().isEmpty());
	}

	@Test
	void optionalClientAuthenticationGivesNoIdentityForAnUntrustedCertificate() {
		RpcEndpoint<EchoApi> server = server(TlsOptions.builder().certificate(file("server.pem"), file("server.key"))
			.trustCertificates(file("ca.pem"))
			.clientAuthentication(ClientAuthentication.OPTIONAL));

		RpcEndpoint<EchoApi> client = client(server, TlsOptions.builder().trustCertificates(file("ca.pem"))
			.certificate(file("rogue-server.pem"), file("rogue-server.key")));

		assertThat(client.api().ping("forged")).isEqualTo("forged");
		assertThat(this.handler.identities).containsExactly("none");
	}

	@Test
	void plainClientCannotTalkToATlsServer() {
		RpcEndpoint<EchoApi> server = server(TlsOptions.builder().certificate(file("server.pem"), file("server.key")));
		RpcEndpoint<EchoApi> client = start(RpcEndpoint.builder(EchoApi.class).inverted(true)
			.transport("tcp:127.0.0.1:" + port(server)).replyTimeout(java.time.Duration.ofSeconds(2)));

		assertThatExceptionOfType(RpcException.class).isThrownBy(() -> client.api().ping("in clear"));
		assertThat(this.handler.identities).isEmpty();
	}

	@Test
	void aServerWithoutCertificateFailsWhenBuiltAndSaysWhatIsMissing() {
		RpcEndpoint.Builder<EchoApi> builder = RpcEndpoint.builder(EchoApi.class)
			.transport("tcpserv:127.0.0.1:0")
			.networkOptions(NetworkOptions.builder()
				.tls(TlsOptions.builder().trustCertificates(file("ca.pem")).build())
				.build());

		assertThatExceptionOfType(TransportException.class).isThrownBy(builder::build)
			.withMessage("Cannot use TLS on tcpserv:127.0.0.1:0: a server needs a certificate and its private key; "
					+ "set them with TlsOptions.builder().certificate(...) or keyStore(...)");
	}

	@Test
	void missingFilesAndWrongPasswordsAreNamed() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> TlsOptions.builder().certificate(Path.of("no/such.pem"), file("server.key")))
			.withMessageContaining("Cannot read the certificate chain file ")
			.withMessageEndingWith("no/such.pem; check the path and its permissions");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> TlsOptions.builder().keyStore(file("server.p12"), "wrong".toCharArray()))
			.withMessageContaining("server.p12")
			.withMessageContaining("password");
	}

	@Test
	void settingsNeverShowKeyMaterial() {
		TlsOptions options = TlsOptions.builder().keyStore(file("server.p12"), "changeit".toCharArray()).build();

		assertThat(options.toString()).contains("server.p12").doesNotContain("changeit");
	}

	private RpcEndpoint<EchoApi> server(TlsOptions.Builder tls) {
		RpcEndpoint<EchoApi> server = start(RpcEndpoint.builder(EchoApi.class)
			.transport("tcpserv:127.0.0.1:0")
			.networkOptions(this.endpoints.networkOptions().tls(tls.build()).build()));
		server.connect(this.handler);
		return server;
	}

	private RpcEndpoint<EchoApi> client(RpcEndpoint<EchoApi> server, TlsOptions.Builder tls) {
		return start(RpcEndpoint.builder(EchoApi.class)
			.inverted(true)
			.transport("tcp:127.0.0.1:" + port(server))
			.replyTimeout(java.time.Duration.ofSeconds(5))
			.networkOptions(this.endpoints.networkOptions().tls(tls.build()).build()));
	}

	private <T> RpcEndpoint<T> start(RpcEndpoint.Builder<T> builder) {
		return this.endpoints.start(builder);
	}

	private static int port(RpcEndpoint<?> server) {
		return Endpoints.port(server);
	}

	static Path file(String name) {
		try {
			return Path.of(TlsEndpointTests.class.getResource("/tls/" + name).toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static class IdentityHandler {

		final BlockingQueue<String> identities = new LinkedBlockingQueue<>();

		@IncomingHandler
		String ping(String text, SecurityInfo info) {
			String identity = info.get(SecurityInfo.TLS_PEER);
			this.identities.add((identity != null) ? identity : "none");
			return text;
		}

	}

}
