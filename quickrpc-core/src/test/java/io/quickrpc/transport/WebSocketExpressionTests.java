package io.quickrpc.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.junit.jupiter.api.Test;

import io.quickrpc.spi.InvalidExpressionException;
import io.quickrpc.spi.Registry;

/** How {@code ws:}, {@code wss:} and {@code wsserv:} expressions read, and what they refuse. */
class WebSocketExpressionTests {

	private final Registry<Transport> transports = Registry.transports();

	@Test
	void aClientTakesTheShortFormOrAUrlWithDefaultPortsAndPath() {
		assertThat(this.transports.create("ws:example.org:8080/rpc")).hasToString("ws://example.org:8080/rpc");
		assertThat(this.transports.create("ws://example.org:8080/rpc")).hasToString("ws://example.org:8080/rpc");
		assertThat(this.transports.create("ws://example.org/rpc?room=1")).hasToString("ws://example.org:80/rpc?room=1");
		assertThat(this.transports.create("wss:example.org")).hasToString("wss://example.org:443/");
		assertThat(this.transports.create("ws:[::1]:8080/rpc")).hasToString("ws://[::1]:8080/rpc");
	}

	@Test
	void aServerTakesAnInterfaceAPortAndAPath() {
		assertThat(this.transports.create("wsserv::8080/rpc")).hasToString("wsserv::8080/rpc");
		assertThat(this.transports.create("wsserv:127.0.0.1:0")).hasToString("wsserv:127.0.0.1:0/");
	}

	@Test
	void whatCannotBeAnAddressIsRefusedWithAnExample() {
		assertRefused("ws:", "expected a host, a port and a path, as in ws:localhost:8080/rpc");
		assertRefused("ws::8080/rpc", "expected a host, as in ws:localhost:8080/rpc");
		assertRefused("wss:example.org:99999/rpc", "port '99999' is not a number from 0 to 65535");
		assertRefused("wsserv:127.0.0.1", "expected a port, as in wsserv::8080/rpc");
		assertRefused("ws:example.org:80/a path", "'/a path' is not a valid path");
	}

	private void assertRefused(String expression, String message) {
		assertThatExceptionOfType(InvalidExpressionException.class)
			.isThrownBy(() -> this.transports.create(expression))
			.withMessageContaining(message);
	}

}
